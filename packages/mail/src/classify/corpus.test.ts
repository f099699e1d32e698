import { readFileSync } from "node:fs";
import PostalMime from "postal-mime";
import { describe, expect, it } from "vitest";
import { classifyIncoming } from "./classify.ts";
import { ownText } from "./reply-text.ts";

/**
 * Real-world shapes, as .eml files in ./fixtures: Gmail and Outlook replies (quoted and "From:" block styles), an
 * Exchange NDR with text/rfc822-headers, Postfix DSNs (failed and delayed), Gmail and Outlook out-of-office, a
 * forwarded message and a reply asking to be removed. Every one carries our footer's "Unsubscribe" somewhere in its
 * quote: only the person's own words may count.
 */
const fixture = (name: string) => PostalMime.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));

describe("classification corpus", () => {
  it.each([
    ["gmail-reply.eml", { kind: "reply", threadIds: ["<mf.1a2b3c@example.test>"], unsubscribe: false }],
    ["outlook-reply.eml", { kind: "reply", threadIds: ["<mf.4d5e6f@example.test>"], unsubscribe: false }],
    ["unsubscribe-reply.eml", { kind: "reply", threadIds: ["<mf.cc33@example.test>"], unsubscribe: true }],
    ["forwarded.eml", { kind: "reply", threadIds: [], unsubscribe: false }],
    ["gmail-ooo.eml", { kind: "auto_reply", threadIds: ["<mf.aa11@example.test>"] }],
    ["outlook-ooo.eml", { kind: "auto_reply", threadIds: ["<mf.bb22@example.test>"] }],
  ])("%s", async (name, expected) => {
    expect(classifyIncoming(await fixture(name))).toEqual(expected);
  });

  it("an Exchange NDR: recipient, 5.1.10 hard, and the original Message-ID from text/rfc822-headers", async () => {
    expect(classifyIncoming(await fixture("exchange-ndr.eml"))).toEqual({
      kind: "bounce",
      originalMessageId: "<mf.7a8b9c@example.test>",
      recipients: [
        {
          recipient: "bob@contoso.com",
          action: "failed",
          status: "5.1.10",
          diagnostic: "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
          severity: "hard",
        },
      ],
    });
  });

  it("a Postfix DSN (hard) and a Postfix delay notice (soft, the sequence goes on)", async () => {
    expect(classifyIncoming(await fixture("postfix-dsn.eml"))).toMatchObject({
      kind: "bounce",
      originalMessageId: "<mf.0c0ffee@example.test>",
      recipients: [{ recipient: "gone@example.test", status: "5.1.1", severity: "hard" }],
    });
    expect(classifyIncoming(await fixture("postfix-delay.eml"))).toMatchObject({
      kind: "bounce",
      originalMessageId: "<mf.5l0w@example.test>",
      recipients: [{ recipient: "slow@example.org", action: "delayed", status: "4.4.1", severity: "soft" }],
    });
  });

  it("keeps only the person's words of each reply style", async () => {
    expect(ownText((await fixture("gmail-reply.eml")).text ?? "")).toBe(
      "Hi Alice,\n\nYes, this is timely. Can we talk on Thursday?\n\nAda",
    );
    expect(ownText((await fixture("outlook-reply.eml")).text ?? "")).toBe(
      "Not the right time for us, thanks.\n\nGrace",
    );
    expect(ownText((await fixture("forwarded.eml")).text ?? "")).toBe("Adding my colleague, who owns this.");
  });
});
