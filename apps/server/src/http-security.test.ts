import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, GOOD_PASSWORD, PUBLIC_URL, type TestApp, trpcBody, uniqueEmail } from "./testing/test-app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const json = { "content-type": "application/json" };

function cookieValue(response: LightMyRequestResponse, name: string): string | undefined {
  return response.cookies.find((c) => c.name === name)?.value;
}

/** Signs up through HTTP with a cookie session, as the dashboard does. */
async function signUpWithCookie() {
  const response = await t.app.inject({
    method: "POST",
    url: "/trpc/auth.signUp",
    headers: json,
    payload: trpcBody({ email: uniqueEmail("web"), name: "Web", password: GOOD_PASSWORD }),
  });
  expect(response.statusCode).toBe(200);
  const session = cookieValue(response, "__Host-mf_session")!;
  const me = await t.app.inject({ method: "GET", url: "/trpc/auth.me", cookies: { "__Host-mf_session": session } });
  const workspaceId = me.json().result.data.json.workspaces[0].id as string;
  return { response, session, workspaceId };
}

async function csrfToken(session: string) {
  const response = await t.app.inject({ method: "GET", url: "/api/csrf", cookies: { "__Host-mf_session": session } });
  return { token: response.json().token as string, secretCookie: cookieValue(response, "__Host-mf_csrf")! };
}

describe("security headers", () => {
  const requests = [
    ["GET", "/.well-known/security.txt"],
    ["GET", "/api/health"],
    ["GET", "/no/such/page"],
    ["GET", "/trpc/auth.me"],
    ["POST", "/trpc/auth.logIn"],
  ] as const;

  it.each(requests)("%s %s carries HSTS preload, a strict CSP, nosniff and no framing", async (method, url) => {
    const response = await t.app.inject({ method, url, headers: json, payload: method === "POST" ? "{" : undefined });
    const h = response.headers;
    expect(h["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains; preload");
    const csp = String(h["content-security-policy"]);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["x-frame-options"]).toBe("DENY");
  });

  it("publishes security.txt (RFC 9116) with a contact and a future expiry", async () => {
    const response = await t.app.inject({ method: "GET", url: "/.well-known/security.txt" });
    expect(response.headers["content-type"]).toMatch(/^text\/plain/);
    expect(response.body).toContain("Contact: mailto:security@mailflow.dev");
    const expires = /Expires: (.+)/.exec(response.body)![1]!;
    const days = (new Date(expires).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(30);
    expect(days).toBeLessThan(366);
  });
});

describe("session cookie", () => {
  it("is __Host-, httpOnly, Secure, SameSite=Lax, and the token is not in the body", async () => {
    const { response, session } = await signUpWithCookie();
    const cookie = response.cookies.find((c) => c.name === "__Host-mf_session")!;
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax", path: "/" });
    expect(cookie.domain).toBeUndefined();
    expect(response.body).not.toContain(session);
  });
});

describe("CSRF", () => {
  it("refuses a cookie-authenticated mutation without a CSRF token (403)", async () => {
    const { session, workspaceId } = await signUpWithCookie();
    const response = await t.app.inject({
      method: "POST",
      url: "/trpc/workspaces.rename",
      headers: json,
      cookies: { "__Host-mf_session": session },
      payload: trpcBody({ workspaceId, name: "Renamed" }),
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.message).toMatch(/CSRF/);
  });

  it("accepts it with the token from GET /api/csrf", async () => {
    const { session, workspaceId } = await signUpWithCookie();
    const { token, secretCookie } = await csrfToken(session);
    const response = await t.app.inject({
      method: "POST",
      url: "/trpc/workspaces.rename",
      headers: { ...json, "x-csrf-token": token, origin: PUBLIC_URL },
      cookies: { "__Host-mf_session": session, "__Host-mf_csrf": secretCookie },
      payload: trpcBody({ workspaceId, name: "Renamed" }),
    });
    expect(response.statusCode).toBe(200);
  });

  it("refuses a token that does not match the browser's secret", async () => {
    const first = await signUpWithCookie();
    const second = await signUpWithCookie();
    const { token } = await csrfToken(first.session);
    const { secretCookie } = await csrfToken(second.session);
    const response = await t.app.inject({
      method: "POST",
      url: "/trpc/workspaces.rename",
      headers: { ...json, "x-csrf-token": token },
      cookies: { "__Host-mf_session": second.session, "__Host-mf_csrf": secretCookie },
      payload: trpcBody({ workspaceId: second.workspaceId, name: "Renamed" }),
    });
    expect(response.statusCode).toBe(403);
  });

  it("refuses a request from another origin even with a valid token", async () => {
    const { session, workspaceId } = await signUpWithCookie();
    const { token, secretCookie } = await csrfToken(session);
    const response = await t.app.inject({
      method: "POST",
      url: "/trpc/workspaces.rename",
      headers: { ...json, "x-csrf-token": token, origin: "https://evil.example" },
      cookies: { "__Host-mf_session": session, "__Host-mf_csrf": secretCookie },
      payload: trpcBody({ workspaceId, name: "Pwned" }),
    });
    expect(response.statusCode).toBe(403);
  });

  it("refuses a browser log-in (Origin, no cookie) without a token: no login CSRF", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/trpc/auth.logIn",
      headers: { ...json, origin: PUBLIC_URL },
      payload: trpcBody({ email: "x@example.test", password: GOOD_PASSWORD }),
    });
    expect(response.statusCode).toBe(403);
  });

  it("exempts Bearer-authenticated requests", async () => {
    const signUp = await t.app.inject({
      method: "POST",
      url: "/trpc/auth.signUp",
      headers: json,
      payload: trpcBody({ email: uniqueEmail("api"), name: "Api", password: GOOD_PASSWORD, transport: "bearer" }),
    });
    const token = signUp.json().result.data.json.token as string;
    const me = await t.app.inject({
      method: "GET",
      url: "/trpc/auth.me",
      headers: { authorization: `Bearer ${token}` },
    });
    const workspaceId = me.json().result.data.json.workspaces[0].id;
    const response = await t.app.inject({
      method: "POST",
      url: "/trpc/workspaces.rename",
      headers: { ...json, authorization: `Bearer ${token}` },
      payload: trpcBody({ workspaceId, name: "Via bearer" }),
    });
    expect(response.statusCode).toBe(200);
  });
});

describe("bad input over HTTP", () => {
  it("answers 413 to an oversized body, with the security headers", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/trpc/auth.logIn",
      headers: json,
      payload: trpcBody({ email: "a@example.test", password: "x".repeat(100_000) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({
      error: { code: "PAYLOAD_TOO_LARGE", message: "The request body is too large." },
    });
    expect(response.headers["strict-transport-security"]).toBeTruthy();
  });

  it("answers malformed JSON with a clear message and no stack trace", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/trpc/auth.logIn",
      headers: json,
      payload: '{"json": {',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
    expect(response.json().error.json).toMatchObject({
      message: "The request body is not valid JSON.",
      data: { code: "BAD_REQUEST", httpStatus: 400 },
    });
  });

  it("names the wrong field and the unknown field", async () => {
    const badEmail = await t.app.inject({
      method: "POST",
      url: "/trpc/auth.signUp",
      headers: json,
      payload: trpcBody({ email: "nope", name: "x", password: GOOD_PASSWORD }),
    });
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json().error.json.message).toBe("email: Enter a valid email address.");
    const unknown = await t.app.inject({
      method: "POST",
      url: "/trpc/auth.logIn",
      headers: json,
      payload: trpcBody({ email: "a@example.test", password: GOOD_PASSWORD, isAdmin: true }),
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.json.message).toMatch(/isAdmin/);
    expect(unknown.body).not.toMatch(/node_modules|\.ts:\d+|stack/);
  });

  it("refuses a non-JSON body type", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/trpc/auth.logIn",
      headers: { "content-type": "text/plain" },
      payload: "email=a",
    });
    expect(response.statusCode).toBe(415);
  });

  it("returns script-like names as JSON data, never as something a browser would render", async () => {
    const signUp = await t.app.inject({
      method: "POST",
      url: "/trpc/auth.signUp",
      headers: json,
      payload: trpcBody({
        email: uniqueEmail("xss"),
        name: "<img src=x onerror=alert(1)>",
        workspaceName: '<script>alert(1)</script>\'; DROP TABLE "Workspace";--',
        password: GOOD_PASSWORD,
        transport: "bearer",
      }),
    });
    const token = signUp.json().result.data.json.token;
    const me = await t.app.inject({
      method: "GET",
      url: "/trpc/auth.me",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.headers["content-type"]).toMatch(/^application\/json/);
    expect(me.headers["x-content-type-options"]).toBe("nosniff");
    const data = me.json().result.data.json;
    expect(data.user.name).toBe("<img src=x onerror=alert(1)>");
    expect(data.workspaces[0].name).toBe('<script>alert(1)</script>\'; DROP TABLE "Workspace";--');
  });

  it("answers an unknown route with a typed 404", async () => {
    const response = await t.app.inject({ method: "GET", url: "/admin.php" });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: "NOT_FOUND", message: "There is nothing at this address." } });
  });
});

describe("rate limits over HTTP", () => {
  it("answers 429 with Retry-After once an IP exceeds its per-minute budget", async () => {
    const limited = await createTestApp({ ipPerMinute: 5 });
    try {
      const statuses: number[] = [];
      let last: LightMyRequestResponse | null = null;
      for (let i = 0; i < 7; i++) {
        last = await limited.app.inject({ method: "GET", url: "/api/health", remoteAddress: "198.51.100.77" });
        statuses.push(last.statusCode);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      expect(Number(last!.headers["retry-after"])).toBeGreaterThan(0);
      const otherIp = await limited.app.inject({ method: "GET", url: "/api/health", remoteAddress: "198.51.100.78" });
      expect(otherIp.statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it("answers 429 with Retry-After on repeated failed log-ins", async () => {
    const strict = await createTestApp({ authPer15Minutes: 3 });
    try {
      const email = uniqueEmail("brute");
      const statuses: number[] = [];
      let last: LightMyRequestResponse | null = null;
      for (let i = 0; i < 5; i++) {
        last = await strict.app.inject({
          method: "POST",
          url: "/trpc/auth.logIn",
          headers: json,
          remoteAddress: "198.51.100.99",
          payload: trpcBody({ email, password: `Wrong-password-${i}-x` }),
        });
        statuses.push(last.statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      expect(Number(last!.headers["retry-after"])).toBeGreaterThan(0);
      expect(last!.json().error.json.message).toMatch(/Too many attempts/);
    } finally {
      await strict.close();
    }
  });
});
