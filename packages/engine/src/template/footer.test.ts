import { describe, expect, it } from "vitest";
import { appendComplianceFooter } from "../index.ts";

describe("compliance footer", () => {
  it("adds the sender's company, postal address and unsubscribe link to both parts, escaped in HTML", () => {
    const footer = appendComplianceFooter(
      { text: "Hello\n", html: "<p>Hello</p>" },
      { company: "Acme & Sons <GmbH>", postalAddress: "Hauptstr. 1\n10115 Berlin" },
      "https://mailflow.example/u/abc?x=1&y=2",
    );
    expect(footer.text).toBe(
      "Hello\n\n--\nAcme & Sons <GmbH>\nHauptstr. 1\n10115 Berlin\nUnsubscribe: https://mailflow.example/u/abc?x=1&y=2\n",
    );
    expect(footer.html).toContain("Acme &amp; Sons &lt;GmbH&gt;<br>Hauptstr. 1<br>10115 Berlin");
    expect(footer.html).toContain('<a href="https://mailflow.example/u/abc?x=1&amp;y=2">Unsubscribe</a>');
  });
});
