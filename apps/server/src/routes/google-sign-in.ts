import { createHash, randomBytes } from "node:crypto";
import { type ApiDeps, AppError, consume, googleClaimsSchema, signInWithGoogle } from "@mailflow/api/server";
import { record } from "@mailflow/audit";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import * as oidc from "openid-client";
import { requestContext } from "../request-context.ts";

/** Exactly these, never more: who the person is, their address, their name. */
export const GOOGLE_SCOPES = "openid email profile";
const FLOW_COOKIE = "__Host-mf_oidc";
const FLOW_TTL_MS = 10 * 60 * 1000;
export const GOOGLE_START_PATH = "/auth/google/start";
export const GOOGLE_CALLBACK_PATH = "/auth/google/callback";

export interface GoogleSignInOptions {
  clientId: string;
  clientSecret: string;
  issuer: string;
  publicUrl: string;
  /** Tests only: how the client reaches the provider (openid-client's customFetch). */
  fetch?: oidc.CustomFetch;
}

/** The ID token claim that failed (aud, iss, nonce, exp): oauth4webapi names it in the cause, openid-client wraps it. */
function failedClaim(error: unknown): string | null {
  for (let cause: unknown = error, depth = 0; cause && depth < 4; depth++) {
    const claim = (cause as { claim?: unknown }).claim;
    if (typeof claim === "string") return claim;
    cause = (cause as { cause?: unknown }).cause;
  }
  return null;
}

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/** A path of this site to return to after signing in; anything else (another origin, `//host`) becomes "/". */
export function safeNext(next: unknown): string {
  return typeof next === "string" && /^\/(?![/\\])[^\s]{0,511}$/.test(next) ? next : "/";
}

/**
 * Google sign-in (OpenID Connect authorization code flow, with openid-client): /auth/google/start sends the browser
 * to the provider with PKCE (S256), a state and a nonce, remembered server-side under a random value held in a
 * `__Host-` cookie; /auth/google/callback takes the flow back once (the row is deleted as it is read), exchanges the
 * code and lets openid-client check the ID token (signature, issuer, audience = our client id, expiry, nonce)
 * before signInWithGoogle decides who it is. Any failure lands on the log-in page with a reason and no session.
 */
export function registerGoogleSignIn(app: FastifyInstance, deps: ApiDeps, options: GoogleSignInOptions): void {
  const redirectUri = new URL(GOOGLE_CALLBACK_PATH, options.publicUrl).toString();
  let configuration: Promise<oidc.Configuration> | null = null;
  const config = () => {
    configuration ??= oidc
      .discovery(new URL(options.issuer), options.clientId, options.clientSecret, undefined, {
        ...(new URL(options.issuer).protocol === "http:" ? { execute: [oidc.allowInsecureRequests] } : {}),
        ...(options.fetch ? { [oidc.customFetch]: options.fetch } : {}),
      })
      .catch((error: unknown) => {
        configuration = null; // try discovery again on the next sign-in
        throw error;
      });
    return configuration;
  };

  app.get(GOOGLE_START_PATH, async (request, reply) => {
    await consume(deps.limiters.logInByIp, request.ip);
    const flow = randomBytes(32).toString("base64url");
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const login = await deps.db.oidcLogin.create({
      data: {
        id: sha256(flow),
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        codeVerifier,
        next: safeNext((request.query as { next?: unknown }).next),
        expiresAt: new Date(Date.now() + FLOW_TTL_MS),
      },
    });
    await deps.db.oidcLogin.deleteMany({ where: { expiresAt: { lt: new Date() } } });
    const url = oidc.buildAuthorizationUrl(await config(), {
      redirect_uri: redirectUri,
      scope: GOOGLE_SCOPES,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: "S256",
      state: login.state,
      nonce: login.nonce,
    });
    // Lax, not Strict: the callback is a top-level navigation coming back from Google's site.
    reply.setCookie(FLOW_COOKIE, flow, {
      httpOnly: true,
      secure: true,
      sameSite: "lax",
      path: "/",
      maxAge: FLOW_TTL_MS / 1000,
    });
    return reply.redirect(url.toString(), 302);
  });

  app.get(GOOGLE_CALLBACK_PATH, async (request, reply) => {
    await consume(deps.limiters.logInByIp, request.ip);
    reply.clearCookie(FLOW_COOKIE, { httpOnly: true, secure: true, sameSite: "lax", path: "/" });
    const flow = request.cookies[FLOW_COOKIE];
    // Single use: whoever reads the row first deletes it; a replayed callback finds nothing.
    const login = flow ? await deps.db.oidcLogin.delete({ where: { id: sha256(flow) } }).catch(() => null) : null;
    if (!login || login.expiresAt < new Date()) return fail(request, reply, "expired");
    let claims: ReturnType<typeof googleClaimsSchema.parse>;
    try {
      const tokens = await oidc.authorizationCodeGrant(
        await config(),
        new URL(request.url, options.publicUrl),
        {
          pkceCodeVerifier: login.codeVerifier,
          expectedState: login.state,
          expectedNonce: login.nonce,
          idTokenExpected: true,
        },
        { redirect_uri: redirectUri },
      );
      claims = googleClaimsSchema.parse(tokens.claims());
    } catch (error) {
      const claim = failedClaim(error);
      const detail = `${(error as Error).message}${claim ? ` (${claim})` : ""}`;
      request.log.warn({ reason: detail }, "google sign-in refused");
      return fail(request, reply, "refused", detail);
    }
    try {
      await signInWithGoogle(requestContext(deps, request, reply), claims);
    } catch (error) {
      if (error instanceof AppError)
        return fail(request, reply, error.code === "FORBIDDEN" ? "unverified_email" : "other_account");
      throw error;
    }
    return reply.redirect(login.next, 302);
  });

  /** Back to the log-in page with a reason code; the attempt is in the audit trail. */
  async function fail(request: FastifyRequest, reply: FastifyReply, reason: string, detail?: string) {
    await record(deps.db, {
      action: "auth.login_failed",
      actor: { type: "system" },
      ip: request.ip,
      userAgent: request.headers["user-agent"] ?? null,
      metadata: { method: "google", reason, ...(detail ? { detail: detail.slice(0, 200) } : {}) },
    });
    return reply.redirect(`/login?signin_error=${reason}`, 302);
  }
}
