import PostalMime from "postal-mime";
import { describe, expect, it } from "vitest";
import { isAutoReply } from "./auto-reply.ts";
import { classifyIncoming, threadIdsOf } from "./classify.ts";
import { parseDeliveryStatus } from "./delivery-status.ts";
import { asksToUnsubscribe, normalizeSubject, ownText } from "./reply-text.ts";

// A DSN as Postfix writes it (shape of the one the test stack sends for gone@example.test).
const dsn = [
  "From: MAILER-DAEMON@mail.example.test (Mail Delivery System)",
  "Subject: Undelivered Mail Returned to Sender",
  "To: alice@example.test",
  "Auto-Submitted: auto-replied",
  "MIME-Version: 1.0",
  'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
  "",
  "--B",
  "Content-Type: text/plain; charset=us-ascii",
  "",
  "I'm sorry to have to inform you that your message could not be delivered.",
  "",
  "--B",
  "Content-Type: message/delivery-status",
  "",
  "Reporting-MTA: dns; mail.example.test",
  "X-Postfix-Queue-ID: 7D5E620C03F",
  "Arrival-Date: Sun, 29 Nov 2026 05:08:54 +0000 (UTC)",
  "",
  "Final-Recipient: rfc822; gone@example.test",
  "Original-Recipient: rfc822;gone@example.test",
  "Action: failed",
  "Status: 5.1.1",
  "Diagnostic-Code: x-unix; 550 5.1.1 <gone@example.test> User doesn't exist:",
  "    gone@example.test",
  "",
  "--B",
  "Content-Type: message/rfc822",
  "",
  "From: Sales <alice@example.test>",
  "To: gone@example.test",
  "Subject: Quick question",
  "Message-ID: <mf.abc123@example.test>",
  "",
  "Hi",
  "",
  "--B--",
  "",
].join("\r\n");

const parse = (raw: string) => PostalMime.parse(raw);

describe("bounces (RFC 3464)", () => {
  it("reads the recipient, action, status, diagnostic and the original Message-ID", async () => {
    const kind = classifyIncoming(await parse(dsn));
    expect(kind).toEqual({
      kind: "bounce",
      originalMessageId: "<mf.abc123@example.test>",
      recipients: [
        {
          recipient: "gone@example.test",
          action: "failed",
          status: "5.1.1",
          diagnostic: "550 5.1.1 <gone@example.test> User doesn't exist: gone@example.test",
          severity: "hard",
        },
      ],
    });
  });

  it("tells a delay (soft) from a failure (hard)", () => {
    const [delayed] = parseDeliveryStatus(
      "Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822;a@b.c\nAction: delayed\nStatus: 4.4.1\n",
    );
    expect(delayed).toMatchObject({ recipient: "a@b.c", severity: "soft" });
    const [full] = parseDeliveryStatus("Final-Recipient: rfc822; a@b.c\nAction: failed\nStatus: 4.2.2\n");
    expect(full!.severity).toBe("soft");
    expect(parseDeliveryStatus("not a report")).toEqual([]);
  });
});

describe("auto-replies", () => {
  const headers = (h: Record<string, string>) => (name: string) => h[name];

  it("recognises RFC 3834 and the de-facto headers", () => {
    expect(isAutoReply(headers({ "auto-submitted": "auto-replied" }), "Re: Quick question")).toBe(true);
    expect(isAutoReply(headers({ "auto-submitted": "no" }), "Re: Quick question")).toBe(false);
    expect(isAutoReply(headers({ "x-autoreply": "yes" }), "x")).toBe(true);
    expect(isAutoReply(headers({ precedence: "auto_reply" }), "x")).toBe(true);
    expect(isAutoReply(headers({ "x-ms-exchange-inbox-rules-loop": "ada@example.com" }), "x")).toBe(true);
  });

  it("falls back to the usual out-of-office subjects", () => {
    for (const subject of [
      "Out of Office: Quick question",
      "Automatic reply: Hi",
      "Abwesenheitsnotiz: Hallo",
      "Autoreply",
    ]) {
      expect(isAutoReply(() => undefined, subject)).toBe(true);
    }
    expect(isAutoReply(() => undefined, "Re: Quick question")).toBe(false);
    expect(isAutoReply(() => undefined, "Re: our office move")).toBe(false);
  });

  it("classifies an out-of-office message as such, with its thread", async () => {
    const raw =
      "From: ada@example.com\r\nTo: alice@example.test\r\nSubject: Out of Office: Quick question\r\n" +
      "In-Reply-To: <mf.abc123@example.test>\r\nAuto-Submitted: auto-replied\r\n\r\nI am away until Monday.\r\n";
    expect(classifyIncoming(await parse(raw))).toEqual({ kind: "auto_reply", threadIds: ["<mf.abc123@example.test>"] });
  });
});

describe("replies", () => {
  it("collects the thread: In-Reply-To first, then References newest first", () => {
    expect(threadIdsOf({ inReplyTo: "<c@x>", references: "<a@x> <b@x>\r\n <c@x>" })).toEqual([
      "<c@x>",
      "<b@x>",
      "<a@x>",
    ]);
    expect(threadIdsOf({})).toEqual([]);
  });

  it("spots a request to stop in the person's own words, not in our quoted footer", async () => {
    expect(asksToUnsubscribe("Please unsubscribe me.")).toBe(true);
    expect(asksToUnsubscribe("Remove me from your list")).toBe(true);
    expect(asksToUnsubscribe("STOP")).toBe(true);
    expect(asksToUnsubscribe("stop!\n\nOn Mon, Alice wrote:\n> Hi")).toBe(true);
    expect(
      asksToUnsubscribe("Sounds good, let's talk Tuesday.\n\nOn Mon, Alice wrote:\n> Unsubscribe: https://x"),
    ).toBe(false);
    expect(asksToUnsubscribe("Don't stop sending these, they're great")).toBe(false);
    expect(asksToUnsubscribe("Thanks!\n> --\n> Unsubscribe: https://mailflow.test/u/x")).toBe(false);
    const raw =
      "From: ada@example.com\r\nTo: alice@example.test\r\nSubject: Re: Quick question\r\n" +
      "In-Reply-To: <mf.abc123@example.test>\r\nReferences: <mf.abc123@example.test>\r\n\r\nPlease remove me.\r\n";
    expect(classifyIncoming(await parse(raw))).toEqual({
      kind: "reply",
      threadIds: ["<mf.abc123@example.test>"],
      unsubscribe: true,
    });
  });

  it("keeps only what the person wrote above the quote", () => {
    expect(ownText("Yes please\n\nOn Tue, 1 Dec 2026, Alice <a@x> wrote:\n> Hi")).toBe("Yes please");
    expect(ownText("Ja\n\nAm 1. Dez. 2026 schrieb Alice <a@x>:\n> Hallo")).toBe("Ja");
  });

  it("normalizes subjects for matching when headers lost the thread", () => {
    expect(normalizeSubject("Re: AW: Fwd:  Quick   Question")).toBe("quick question");
    expect(normalizeSubject("RE[2]: Hello")).toBe("hello");
  });
});
