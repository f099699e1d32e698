import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { Webhook as SvixWebhook } from "svix";
import { describe, expect, it } from "vitest";
import { generateWebhookSecret } from "./secret.ts";
import { signatureHeaders } from "./sign.ts";
import { checkWebhookTarget } from "./target.ts";

describe("webhook signatures (Standard Webhooks)", () => {
  const body = JSON.stringify({ type: "email.replied", timestamp: "2026-11-29T10:00:00.000Z", data: { leadId: "x" } });
  const now = new Date();

  it("verify with the off-the-shelf library and by hand (HMAC-SHA256 of id.timestamp.body)", () => {
    const secret = generateWebhookSecret();
    const headers = signatureHeaders([secret], "msg_1", now, body);
    expect(() => new Webhook(secret).verify(body, headers)).not.toThrow();
    const key = Buffer.from(secret.slice("whsec_".length), "base64");
    const expected = createHmac("sha256", key).update(`msg_1.${headers["webhook-timestamp"]}.${body}`).digest("base64");
    expect(headers["webhook-signature"]).toBe(`v1,${expected}`);
    expect(headers["x-mailflow-signature"]).toBe(headers["webhook-signature"]);
  });

  it("fail for a changed body, another secret or an old timestamp", () => {
    const secret = generateWebhookSecret();
    const headers = signatureHeaders([secret], "msg_2", now, body);
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow();
    const stale = signatureHeaders([secret], "msg_2", new Date(Date.now() - 60 * 60_000), body);
    expect(() => new Webhook(secret).verify(body, stale)).toThrow();
  });

  it("during a rotation, both the new and the previous secret verify", () => {
    const [current, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    const headers = signatureHeaders([current, previous], "msg_3", now, body);
    expect(headers["webhook-signature"]?.split(" ")).toHaveLength(2);
    expect(() => new Webhook(current).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(previous).verify(body, headers)).not.toThrow();
  });
});

describe("interoperability: what customers verify with", () => {
  it("reproduces the Standard Webhooks reference vector", () => {
    const headers = signatureHeaders(
      ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
      "msg_p5jXN8AQM9LWM0D4loKWxJek",
      new Date(1614265330 * 1000),
      '{"test": 2432232314}',
    );
    expect(headers["webhook-signature"]).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    expect(headers["webhook-timestamp"]).toBe("1614265330");
  });

  it("verifies with both the standardwebhooks and the svix packages, also with two signatures (rotation)", () => {
    const body = JSON.stringify({ type: "email.sent", data: { to: "ada@example.com" } });
    const [current, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    const headers = signatureHeaders([current, previous], "msg_interop", new Date(), body);
    for (const secret of [current, previous]) {
      expect(() => new Webhook(secret).verify(body, headers)).not.toThrow();
      expect(() => new SvixWebhook(secret).verify(body, headers)).not.toThrow();
    }
  });

  it("fails in both for a re-serialized body, a timestamp over 5 minutes old, or only X-MailFlow-Signature", () => {
    const secret = generateWebhookSecret();
    const body = JSON.stringify({ type: "email.sent", data: { n: 1 } });
    const good = signatureHeaders([secret], "msg_x", new Date(), body);
    const reserialized = JSON.stringify(JSON.parse(body), null, 1);
    const stale = signatureHeaders([secret], "msg_x", new Date(Date.now() - 301_000), body);
    const aliasOnly = {
      "webhook-id": good["webhook-id"]!,
      "webhook-timestamp": good["webhook-timestamp"]!,
      "x-mailflow-signature": good["x-mailflow-signature"]!,
    };
    for (const verifier of [new Webhook(secret), new SvixWebhook(secret)]) {
      expect(() => verifier.verify(reserialized, good)).toThrow();
      expect(() => verifier.verify(body, stale)).toThrow();
      expect(() => verifier.verify(body, aliasOnly)).toThrow();
      // A replay inside the window verifies: receivers must dedupe by webhook-id (documented in the README).
      expect(() => verifier.verify(body, good)).not.toThrow();
    }
  });
});

describe("webhook targets (SSRF)", () => {
  it("refuses plain http, credentials in the URL and internal addresses", async () => {
    expect(await checkWebhookTarget("http://example.com/x", false)).toMatchObject({ ok: false, reason: /https/ });
    expect(await checkWebhookTarget("https://u:p@example.com/x", false)).toMatchObject({ ok: false });
    for (const url of [
      "https://127.0.0.1/x",
      "https://10.1.2.3/x",
      "https://192.168.0.10/x",
      "https://169.254.169.254/latest/meta-data",
      "https://[::1]/x",
      "https://localhost/x",
    ]) {
      expect(await checkWebhookTarget(url, false), url).toMatchObject({ ok: false });
    }
    expect(await checkWebhookTarget("https://127.0.0.1:9999/x", true)).toMatchObject({
      ok: true,
      address: "127.0.0.1",
    });
    expect(await checkWebhookTarget("https://93.184.215.14/x", false)).toMatchObject({ ok: true });
  });
});
