import { base64url, SignJWT, UnsecuredJWT } from "jose";
import { afterAll, describe, expect, it } from "vitest";
import { codeOf, createHarness, TEST_SECRETS } from "../testing/harness.ts";

const h = createHarness();
afterAll(() => h.close());
const key = new TextEncoder().encode(TEST_SECRETS.JWT_SECRET);

/** A user with a valid session, and the claims a forged token would need to copy. */
async function victim() {
  const user = await h.signUp("victim");
  const [, payloadPart] = user.token.split(".");
  const claims = JSON.parse(Buffer.from(payloadPart!, "base64url").toString()) as Record<string, unknown>;
  return { user, claims };
}

const meWith = (bearer: string) => codeOf(h.call({ bearer }).auth.me());

describe("session tokens", () => {
  it("accepts the genuine token", async () => {
    const { user } = await victim();
    expect(await meWith(user.token)).toBe("OK");
  });

  it("refuses alg:none", async () => {
    const { claims } = await victim();
    const unsigned = new UnsecuredJWT(claims).encode();
    expect(await meWith(unsigned)).toBe("UNAUTHORIZED");
  });

  it("refuses a token signed with another key", async () => {
    const { claims } = await victim();
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256" })
      .sign(new TextEncoder().encode("another-secret-that-is-long-enough-0123456789"));
    expect(await meWith(forged)).toBe("UNAUTHORIZED");
  });

  it("refuses an expired token", async () => {
    const { claims } = await victim();
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ ...claims, iat: now - 7200, exp: now - 3600 })
      .setProtectedHeader({ alg: "HS256" })
      .sign(key);
    expect(await meWith(expired)).toBe("UNAUTHORIZED");
  });

  it("refuses a tampered payload (another user's id under the original signature)", async () => {
    const { user } = await victim();
    const other = await h.signUp("other");
    const [header, payload, signature] = user.token.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    const tampered = base64url.encode(JSON.stringify({ ...claims, sub: other.user.id }));
    expect(await meWith(`${header}.${tampered}.${signature}`)).toBe("UNAUTHORIZED");
  });

  it("refuses a correctly signed token for the wrong audience or issuer", async () => {
    const { claims } = await victim();
    const wrongAudience = await new SignJWT({ ...claims, aud: "someone-else" })
      .setProtectedHeader({ alg: "HS256" })
      .sign(key);
    const wrongIssuer = await new SignJWT({ ...claims, iss: "evil" }).setProtectedHeader({ alg: "HS256" }).sign(key);
    expect(await meWith(wrongAudience)).toBe("UNAUTHORIZED");
    expect(await meWith(wrongIssuer)).toBe("UNAUTHORIZED");
  });

  it("refuses a correctly signed token whose token version is stale", async () => {
    const { claims } = await victim();
    const stale = await new SignJWT({ ...claims, ver: (claims.ver as number) + 1 })
      .setProtectedHeader({ alg: "HS256" })
      .sign(key);
    expect(await meWith(stale)).toBe("UNAUTHORIZED");
  });

  it("refuses garbage", async () => {
    expect(await meWith("not-a-jwt")).toBe("UNAUTHORIZED");
    expect(await meWith("a.b.c")).toBe("UNAUTHORIZED");
  });
});
