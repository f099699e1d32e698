import { createHash, randomBytes } from "node:crypto";
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GOOGLE_SCOPES } from "./routes/google-sign-in.ts";
import { type FakeGoogle, followProvider, startFakeGoogle } from "./testing/fake-google.ts";
import { createTestApp, GOOD_PASSWORD, PUBLIC_URL, type TestApp, trpcBody, uniqueEmail } from "./testing/test-app.ts";

/**
 * Google sign-in against a real OpenID provider on loopback (oidc-provider, configured as a fake Google): the full
 * authorization code flow with PKCE, state and nonce, through the server's own routes.
 */
const CALLBACK = `${PUBLIC_URL}/auth/google/callback`;
const CLIENT = { client_id: "mailflow-web", client_secret: randomBytes(24).toString("hex") };
const OTHER = { client_id: "other-app", client_secret: randomBytes(24).toString("hex") };

let google: FakeGoogle;
let t: TestApp;
/** When set, the token endpoint's ID token is swapped for this one on its way to the server (an attacker's). */
let swapIdToken: string | null = null;

beforeAll(async () => {
  google = await startFakeGoogle(
    [CLIENT, OTHER].map((c) => ({
      ...c,
      redirect_uris: [CALLBACK],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    })),
  );
  const swapping: oidc.CustomFetch = async (url, options) => {
    const response = await fetch(url, options as RequestInit);
    if (!swapIdToken || !url.endsWith("/token") || !response.ok) return response;
    const body = (await response.json()) as Record<string, unknown>;
    return Response.json({ ...body, id_token: swapIdToken }, { status: 200 });
  };
  t = await createTestApp(
    {},
    {
      google: {
        ...CLIENT,
        clientId: CLIENT.client_id,
        clientSecret: CLIENT.client_secret,
        issuer: google.issuer,
        fetch: swapping,
      },
    },
  );
});

afterAll(async () => {
  await t?.close();
  await google?.close();
});

/** Starts a sign-in at the server; returns the provider URL it redirects to and the flow cookie. */
async function start(next?: string) {
  const query = next === undefined ? "" : `?next=${encodeURIComponent(next)}`;
  const response = await t.app.inject({ method: "GET", url: `/auth/google/start${query}` });
  expect(response.statusCode).toBe(302);
  const flow = response.cookies.find((c) => c.name === "__Host-mf_oidc")!;
  expect(flow).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax", path: "/" });
  return { authorizeUrl: new URL(response.headers.location as string), cookie: `__Host-mf_oidc=${flow.value}` };
}

/** The person signs in at the provider; returns the callback URL the provider sends the browser back to. */
async function signInAtProvider(authorizeUrl: URL, accountId: string) {
  google.state.signInAs = accountId;
  const back = await followProvider(authorizeUrl.toString(), google.issuer);
  expect(back.origin + back.pathname).toBe(CALLBACK);
  return back;
}

async function callback(back: URL, cookie: string) {
  const response = await t.app.inject({ method: "GET", url: back.pathname + back.search, headers: { cookie } });
  const session = response.cookies.find((c) => c.name === "__Host-mf_session");
  return { response, location: String(response.headers.location), session };
}

async function me(session: { value: string } | undefined) {
  const response = await t.app.inject({
    method: "GET",
    url: `/trpc/auth.me?input=${encodeURIComponent(trpcBody(undefined))}`,
    headers: session ? { cookie: `__Host-mf_session=${session.value}` } : {},
  });
  return {
    status: response.statusCode,
    body: response.json() as { result?: { data: { json: { user: { email: string } } } } },
  };
}

const account = (label: string, verified: boolean, email = uniqueEmail(label)) => {
  const id = `google-${label}-${randomBytes(4).toString("hex")}`;
  google.accounts.set(id, { email, email_verified: verified, name: `Google ${label}` });
  return { id, email };
};

describe("Google sign-in (OpenID Connect) against a local provider", () => {
  it("asks for exactly openid, email and profile, with PKCE S256, a state and a nonce", async () => {
    const { authorizeUrl } = await start();
    const params = authorizeUrl.searchParams;
    expect(params.get("scope")).toBe("openid email profile");
    expect(GOOGLE_SCOPES).toBe("openid email profile");
    expect(params.get("code_challenge_method")).toBe("S256");
    expect(params.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.get("state")).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(params.get("nonce")).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(params.get("client_id")).toBe(CLIENT.client_id);
    expect(params.get("redirect_uri")).toBe(CALLBACK);
  });

  it("signs a new person up with a verified address, then signs them in by their Google subject", async () => {
    const ada = account("ada", true);
    const first = await start("/w/next-page");
    const signedUp = await callback(await signInAtProvider(first.authorizeUrl, ada.id), first.cookie);
    expect(signedUp.location).toBe("/w/next-page");
    expect(signedUp.session).toMatchObject({ httpOnly: true, secure: true });
    const who = await me(signedUp.session);
    expect(who.status).toBe(200);
    expect(who.body.result!.data.json.user.email).toBe(ada.email);
    const user = await t.deps.db.user.findUniqueOrThrow({ where: { email: ada.email } });
    expect(user.googleSubject).toBe(ada.id);
    expect(
      await t.deps.db.auditEvent.findFirst({
        where: { actorId: user.id, action: "auth.signed_up", metadata: { path: ["method"], equals: "google" } },
      }),
    ).not.toBeNull();

    const again = await start();
    const signedIn = await callback(await signInAtProvider(again.authorizeUrl, ada.id), again.cookie);
    expect(signedIn.location).toBe("/");
    expect((await me(signedIn.session)).status).toBe(200);
    expect(await t.deps.db.user.count({ where: { email: ada.email } })).toBe(1);
    // Every authorization asked for the three scopes, nothing more.
    expect(new Set(google.scopesAsked)).toEqual(new Set(["openid email profile"]));
  });

  it("links an existing account only when Google has verified the address", async () => {
    const email = uniqueEmail("grace");
    // An account made with a password.
    await t.deps.db.user.create({
      data: { email, name: "Grace", passwordHash: await t.deps.passwords.hash(GOOD_PASSWORD) },
    });

    // A Google account that claims Grace's address without Google having verified it: nothing is linked.
    const impostor = account("impostor", false, email);
    const tryIt = await start();
    const refused = await callback(await signInAtProvider(tryIt.authorizeUrl, impostor.id), tryIt.cookie);
    expect(refused.location).toBe("/login?signin_error=unverified_email");
    expect(refused.session).toBeUndefined();
    expect((await t.deps.db.user.findUniqueOrThrow({ where: { email } })).googleSubject).toBeNull();

    const grace = account("grace", true, email);
    const flow = await start();
    const linked = await callback(await signInAtProvider(flow.authorizeUrl, grace.id), flow.cookie);
    expect(linked.location).toBe("/");
    expect((await me(linked.session)).body.result!.data.json.user.email).toBe(email);
    const user = await t.deps.db.user.findUniqueOrThrow({ where: { email } });
    expect(user.googleSubject).toBe(grace.id);
    expect(await t.deps.db.auditEvent.count({ where: { actorId: user.id, action: "auth.google_linked" } })).toBe(1);
  });

  it("refuses a next page on another site", async () => {
    const { cookie, authorizeUrl } = await start("//evil.example/steal");
    const bob = account("next", true);
    const result = await callback(await signInAtProvider(authorizeUrl, bob.id), cookie);
    expect(result.location).toBe("/");
  });

  it("refuses a wrong state and a replayed code, with no session", async () => {
    const bob = account("bob", true);
    const flow = await start();
    const back = await signInAtProvider(flow.authorizeUrl, bob.id);
    const forged = new URL(back);
    forged.searchParams.set("state", "not-the-state-we-sent-0123456789");
    const wrongState = await callback(forged, flow.cookie);
    expect(wrongState.location).toBe("/login?signin_error=refused");
    expect(wrongState.session).toBeUndefined();

    const good = await start();
    const goodBack = await signInAtProvider(good.authorizeUrl, bob.id);
    const ok = await callback(goodBack, good.cookie);
    expect(ok.session).toBeDefined();
    const replayed = await callback(goodBack, good.cookie);
    expect(replayed.location).toBe("/login?signin_error=expired");
    expect(replayed.session).toBeUndefined();
    // A callback without the browser's flow cookie (a code pushed into someone else's browser) is refused too.
    const third = await start();
    const pushed = await callback(await signInAtProvider(third.authorizeUrl, bob.id), "");
    expect(pushed.location).toBe("/login?signin_error=expired");
    // The provider itself refuses a code used twice: exchanging ok's code again fails at the token endpoint.
    const tokenEndpoint = `${google.issuer}/token`;
    const reuse = await fetch(tokenEndpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: goodBack.searchParams.get("code")!,
        redirect_uri: CALLBACK,
        client_id: CLIENT.client_id,
        client_secret: CLIENT.client_secret,
        code_verifier: "x".repeat(43),
      }),
    });
    expect(reuse.status).toBe(400);
  });

  it("refuses an ID token issued to another application (audience), even with the right nonce", async () => {
    const eve = account("eve", true);
    const ours = await start();
    const nonce = ours.authorizeUrl.searchParams.get("nonce")!;

    // A genuine ID token from the same provider, for another client, carrying our flow's nonce.
    const verifier = oidc.randomPKCECodeVerifier();
    const otherAuthorize = new URL(`${google.issuer}/auth`);
    otherAuthorize.search = new URLSearchParams({
      client_id: OTHER.client_id,
      redirect_uri: CALLBACK,
      response_type: "code",
      scope: "openid email profile",
      state: "other-app-state-0123456789",
      nonce,
      code_challenge: createHash("sha256").update(verifier).digest("base64url"),
      code_challenge_method: "S256",
    }).toString();
    const otherBack = await signInAtProvider(otherAuthorize, eve.id);
    const exchanged = await fetch(`${google.issuer}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: otherBack.searchParams.get("code")!,
        redirect_uri: CALLBACK,
        client_id: OTHER.client_id,
        client_secret: OTHER.client_secret,
        code_verifier: verifier,
      }),
    });
    const { id_token } = (await exchanged.json()) as { id_token: string };
    const [, payload] = id_token.split(".");
    expect(JSON.parse(Buffer.from(payload!, "base64url").toString())).toMatchObject({ aud: OTHER.client_id, nonce });

    swapIdToken = id_token;
    try {
      const result = await callback(await signInAtProvider(ours.authorizeUrl, eve.id), ours.cookie);
      expect(result.location).toBe("/login?signin_error=refused");
      expect(result.session).toBeUndefined();
    } finally {
      swapIdToken = null;
    }
    const failed = await t.deps.db.auditEvent.findFirstOrThrow({
      where: { action: "auth.login_failed", metadata: { path: ["reason"], equals: "refused" } },
      orderBy: { id: "desc" },
    });
    expect(JSON.stringify(failed.metadata)).toMatch(/\(aud\)/);
    expect(await t.deps.db.user.count({ where: { email: eve.email } })).toBe(0);
  });

  it("tells the log-in page that Google sign-in is on", async () => {
    const response = await t.app.inject({
      method: "GET",
      url: `/trpc/auth.providers?input=${encodeURIComponent(trpcBody({}))}`,
    });
    expect(response.json()).toMatchObject({ result: { data: { json: { google: true } } } });
  });
});
