import { randomUUID } from "node:crypto";
import PostalMime from "postal-mime";
import { describe, expect, inject, it } from "vitest";
import {
  composeMessage,
  createImapClient,
  createSmtpTransport,
  deterministicMessageId,
  type OutgoingMessage,
} from "./index.ts";
import { type MailStack, readMailStack } from "./testing/index.ts";

const message = (overrides: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  from: { name: "Sales at Acme", address: "alice@example.test" },
  to: { name: "Bob", address: "bob@example.test" },
  subject: "Quick question about Größe",
  text: "Hi Bob\n\n--\nAcme\n1 Main St\nUnsubscribe: https://mailflow.example/u/tok",
  html: "<p>Hi Bob</p>",
  messageId: deterministicMessageId(`campaign-1:lead-1:step-1:${randomUUID()}`, "example.test"),
  unsubscribe: { url: "https://mailflow.example/u/tok", mailto: "unsubscribe@example.test?subject=unsubscribe" },
  ...overrides,
});

describe("composing a campaign message", () => {
  it("derives the same Message-ID from the same key", () => {
    expect(deterministicMessageId("c:l:s", "example.test")).toBe(deterministicMessageId("c:l:s", "example.test"));
    expect(deterministicMessageId("c:l:s", "example.test")).not.toBe(deterministicMessageId("c:l:t", "example.test"));
    expect(deterministicMessageId("c:l:s", "example.test")).toMatch(/^<mf\.[0-9a-f]{40}@example\.test>$/);
  });

  it("carries List-Unsubscribe (https + mailto), the RFC 8058 one-click header, both parts and the Message-ID", async () => {
    const msg = message();
    const raw = await composeMessage(msg);
    const parsed = await PostalMime.parse(raw);
    const header = (name: string) => parsed.headers.find((h) => h.key === name)?.value;
    expect(header("list-unsubscribe")).toBe(
      "<https://mailflow.example/u/tok>, <mailto:unsubscribe@example.test?subject=unsubscribe>",
    );
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(parsed.messageId).toBe(msg.messageId);
    expect(parsed.subject).toBe("Quick question about Größe");
    expect(parsed.text?.trim()).toBe(msg.text);
    expect(parsed.html).toContain("<p>Hi Bob</p>");
  });

  it("refuses a List-Unsubscribe URL that is not https", async () => {
    await expect(composeMessage(message({ unsubscribe: { url: "http://mailflow.example/u/x" } }))).rejects.toThrow(
      /https/,
    );
  });

  it("arrives through the real Postfix + Dovecot with its headers intact", async () => {
    const stack: MailStack = readMailStack(inject("mailStackDir"));
    const [alice, bob] = stack.users as [MailStack["users"][0], MailStack["users"][0]];
    const policy = { allowSelfSigned: false, extraCa: stack.ca, allowPrivateHosts: true, timeoutMs: 5000 };
    const msg = message();
    const raw = await composeMessage(msg);
    const smtp = createSmtpTransport(
      {
        server: { host: stack.host, port: stack.ports.submission, security: "starttls" },
        address: stack.host,
        servername: undefined,
      },
      { username: alice.email, password: alice.password },
      policy,
    );
    await smtp.sendMail({ envelope: { from: alice.email, to: [bob.email] }, raw });
    smtp.close();
    const imap = createImapClient(
      {
        server: { host: stack.host, port: stack.ports.imaps, security: "tls" },
        address: stack.host,
        servername: undefined,
      },
      { username: bob.email, password: bob.password },
      policy,
    );
    await imap.connect();
    let source = "";
    for (let i = 0; i < 50 && !source; i++) {
      await imap.mailboxOpen("INBOX");
      const [uid] = (await imap.search({ header: { "message-id": msg.messageId } }, { uid: true })) || [];
      if (uid) {
        const fetched = await imap.fetchOne(String(uid), { source: true }, { uid: true });
        source = fetched ? fetched.source!.toString() : "";
      } else await new Promise((r) => setTimeout(r, 100));
    }
    await imap.logout();
    expect(source).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    expect(source).toContain("List-Unsubscribe: <https://mailflow.example/u/tok>");
  });
});
