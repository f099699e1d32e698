import { erasedHashOf } from "@mailflow/compliance";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./testing/test-app.ts";

let t: TestApp;
let workspaceId: string;
beforeAll(async () => {
  t = await createTestApp();
  workspaceId = (await t.deps.db.workspace.create({ data: { name: "Sender Co" } })).id;
});
afterAll(() => t.close());

const linkFor = (email: string) => `/u/${t.deps.unsubscribeTokens.sign({ workspaceId, email })}`;
const oneClick = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: "POST",
    url,
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    payload: "List-Unsubscribe=One-Click",
  });
const suppressed = (email: string) =>
  t.deps.db.suppression.findMany({ where: { workspaceId, kind: "EMAIL", value: email } });

describe("one-click unsubscribe (RFC 8058)", () => {
  it("suppresses the address at once on a POST with no cookie and no login, answering 200 without a redirect", async () => {
    const response = await oneClick(linkFor("lead1@example.test"), { "user-agent": "Mail provider" });
    expect(response.statusCode).toBe(200);
    expect(response.headers.location).toBeUndefined();
    expect(response.body).toContain("You are unsubscribed");
    expect(await suppressed("lead1@example.test")).toEqual([expect.objectContaining({ reason: "unsubscribed" })]);
    const event = await t.deps.db.auditEvent.findFirstOrThrow({ where: { workspaceId, action: "lead.unsubscribed" } });
    expect(event).toMatchObject({
      actorType: "SYSTEM",
      ip: "127.0.0.1",
      userAgent: "Mail provider",
      // The address as the workspace's salted hash: the permanent trail never holds it in clear.
      targetType: "email_hash",
      targetId: await erasedHashOf(t.deps.db, workspaceId, "lead1@example.test"),
    });
  });

  it("is harmless to repeat", async () => {
    const link = linkFor("lead2@example.test");
    expect((await oneClick(link)).statusCode).toBe(200);
    expect((await oneClick(link)).statusCode).toBe(200);
    expect(await suppressed("lead2@example.test")).toHaveLength(1);
    const events = await t.deps.db.auditEvent.count({
      where: {
        workspaceId,
        action: "lead.unsubscribed",
        targetId: await erasedHashOf(t.deps.db, workspaceId, "lead2@example.test"),
      },
    });
    expect(events).toBe(1);
  });

  it("accepts a multipart body and a request from another origin (providers post from anywhere)", async () => {
    const boundary = "----mf";
    const response = await t.app.inject({
      method: "POST",
      url: linkFor("lead3@example.test"),
      headers: { "content-type": `multipart/form-data; boundary=${boundary}`, origin: "https://mail.provider.example" },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
    });
    expect(response.statusCode).toBe(200);
    expect(await suppressed("lead3@example.test")).toHaveLength(1);
  });

  it("shows a confirmation page on GET and changes nothing", async () => {
    const response = await t.app.inject({ method: "GET", url: linkFor("lead4@example.test") });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^text\/html/);
    expect(response.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(response.body).toContain('<form method="post">');
    expect(response.body).toContain("l****@example.test");
    expect(response.body).not.toMatch(/<script|style=/);
    expect(await suppressed("lead4@example.test")).toEqual([]);
  });

  it("refuses a tampered or made-up token with 400 and suppresses nothing", async () => {
    const genuine = linkFor("lead5@example.test");
    const tampered = `${genuine.slice(0, -2)}${genuine.endsWith("A") ? "B" : "A"}x`;
    for (const url of [tampered, "/u/not-a-token", "/u/e30.AAAA"]) {
      const response = await oneClick(url);
      expect(response.statusCode).toBe(400);
    }
    expect(await suppressed("lead5@example.test")).toEqual([]);
  });
});
