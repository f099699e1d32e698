import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, PUBLIC_URL, type TestApp } from "./testing/test-app.ts";

/** The public trust pages: served from the versioned files in docs/trust, dated, with credits, under the CSP. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe("trust pages", () => {
  it("lists the subprocessors with the date each was added or changed", async () => {
    const response = await t.app.inject({ method: "GET", url: "/trust/subprocessors.json" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-security-policy"]).toContain("default-src 'self'");
    const list = response.json() as {
      version: number;
      entries: { name: string; added: string; changed?: string; change?: string }[];
    };
    expect(list.entries.length).toBeGreaterThan(0);
    for (const entry of list.entries) expect(entry.added).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const changed = list.entries.filter((e) => e.changed);
    for (const entry of changed) expect(entry.change, `${entry.name} says what changed`).toBeTruthy();
  });

  it("publishes security advisories as a valid Atom feed that credits each reporter", async () => {
    const response = await t.app.inject({ method: "GET", url: "/trust/advisories.atom" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/atom+xml; charset=utf-8");
    expect(XMLValidator.validate(response.body)).toBe(true);
    const { feed } = new XMLParser({ ignoreAttributes: false }).parse(response.body) as {
      feed: {
        "@_xmlns": string;
        id: string;
        entry: { title: string; id: string; contributor: { name: string } } | unknown[];
      };
    };
    expect(feed["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(feed.id).toBe(`${PUBLIC_URL}/trust/advisories.atom`);
    const entries = (Array.isArray(feed.entry) ? feed.entry : [feed.entry]) as {
      title: string | { "#text": string };
      id: string;
      contributor: { name: string };
    }[];
    // An element with attributes (title type="html") parses to an object holding its text.
    const text = (value: string | { "#text": string }) => (typeof value === "string" ? value : value["#text"]);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect(text(entry.title)).toMatch(/^MF-\d{4}-\d{3}: /);
      expect(entry.id).toMatch(new RegExp(`^${PUBLIC_URL}/trust#MF-`));
      expect(entry.contributor.name.length).toBeGreaterThan(0);
    }
  });
});
