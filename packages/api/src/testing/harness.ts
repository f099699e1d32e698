import { randomBytes, randomUUID } from "node:crypto";
import { RegionalDbs } from "@mailflow/db";
import { readMailStack } from "@mailflow/mail/testing";
import { parseKeyRing, Vault } from "@mailflow/vault";
import { Redis } from "ioredis";
import { inject } from "vitest";
import type { Context, ResponseControl } from "../context.ts";
import { appRouter, createApiDeps, createCallerFactory } from "../server.ts";

export const TEST_SECRETS = {
  JWT_SECRET: "t3st-Jwt-Secr3t-0123456789-abcdefghijkLMNOP",
  PASSWORD_PEPPER: "t3st-Pepp3r-9876543210-zyxwvutsrqpONMLK",
  UNSUBSCRIBE_SECRET: "t3st-Unsub-Secr3t-5647382910-qazwsxEDCRFV",
};
export const GOOD_PASSWORD = "violet-Harbor-71-lantern";

/** What a procedure asked the HTTP edge to do, so tests can assert on cookies and headers. */
export interface RecordedResponse {
  cookie: string | null | undefined;
  headers: Record<string, string>;
}

/**
 * Real services on the real PostgreSQL (a fresh database for the run) and Redis; only HTTP is left out:
 * calls go through createCaller with the credentials a request would carry.
 */
/** One vault key for the whole run, so every harness opens what another sealed. */
export const TEST_VAULT_KEY = randomBytes(32).toString("base64");

export function createHarness(
  limits: { authPer15Minutes?: number; userPerMinute?: number } = {},
  options: {
    databaseUrl?: string;
    maxConnections?: number;
    /** Data residency: each region's own database (the global one is databaseUrl). */
    regionUrls?: { EU?: string; US?: string };
  } = {},
) {
  const regions = RegionalDbs.connect(
    { global: options.databaseUrl ?? inject("databaseUrl"), ...options.regionUrls },
    { maxConnections: options.maxConnections ?? 10 },
  );
  const db = regions.global;
  const mailStack = readMailStack(inject("mailStackDir"));
  const vault = new Vault(parseKeyRing({ current: "test1", keys: { test1: TEST_VAULT_KEY } }));
  const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { lazyConnect: false });
  const deps = createApiDeps({
    db,
    regions,
    redis,
    vault,
    // The test mail stack listens on 127.0.0.2 with its own CA: verification stays on, trusting that CA.
    mailPolicy: { allowPrivateHosts: true, extraCa: mailStack.ca, timeoutMs: 5000 },
    // Tests run their webhook receivers on loopback: the self-hosting switch.
    webhookPolicy: { allowPrivateHosts: true },
    namespace: `test-${randomBytes(4).toString("hex")}`,
    config: {
      ...TEST_SECRETS,
      SESSION_TTL_SECONDS: 3600,
      API_KEY_CACHE_TTL_SECONDS: 60,
      RATE_LIMIT_IP_PER_MINUTE: 10_000,
      RATE_LIMIT_USER_PER_MINUTE: limits.userPerMinute ?? 10_000,
      RATE_LIMIT_AUTH_PER_15_MINUTES: limits.authPer15Minutes ?? 1000,
      PUBLIC_URL: "https://mailflow.test",
    },
  });
  const createCaller = createCallerFactory(appRouter);

  /** A caller plus what its procedures asked of the HTTP response (cookie, headers). */
  function recording(credentials: { bearer?: string; cookie?: string; ip?: string } = {}) {
    const recorded: RecordedResponse = { cookie: undefined, headers: {} };
    const response: ResponseControl = {
      setSessionCookie: (token) => {
        recorded.cookie = token;
      },
      clearSessionCookie: () => {
        recorded.cookie = null;
      },
      setHeader: (name, value) => {
        recorded.headers[name] = value;
      },
    };
    const ctx: Context = {
      deps,
      request: {
        ip: credentials.ip ?? "192.0.2.10",
        userAgent: "vitest",
        bearer: credentials.bearer ?? null,
        sessionCookie: credentials.cookie ?? null,
      },
      response,
    };
    return { api: createCaller(ctx), recorded };
  }

  const call = (credentials: { bearer?: string; cookie?: string; ip?: string } = {}) => recording(credentials).api;

  /** A new account with its own workspace, signed in with a Bearer session. */
  async function signUp(label = "user", ip?: string) {
    const email = `${label}-${randomUUID().slice(0, 8)}@example.test`;
    const result = await call(ip ? { ip } : {}).auth.signUp({
      email,
      name: label,
      password: GOOD_PASSWORD,
      workspaceName: `${label} workspace`,
      transport: "bearer",
    });
    const token = result.token!;
    const me = await call({ bearer: token }).auth.me();
    return { email, user: result.user, token, workspaceId: me.workspaces[0]!.id, as: () => call({ bearer: token }) };
  }

  /** An owner's workspace with a second person who accepted an invitation as `role`. */
  async function team(label: string, role: "ADMIN" | "MEMBER" = "MEMBER") {
    const owner = await signUp(`${label}-owner`);
    const member = await signUp(`${label}-member`);
    const { token } = await owner.as().members.invite({ workspaceId: owner.workspaceId, email: member.email, role });
    await member.as().members.accept({ token });
    return { owner, member, workspaceId: owner.workspaceId };
  }

  /** Connect input for a mailbox of the test stack: SMTP submission with STARTTLS, IMAPS. */
  function stackInboxInput(workspaceId: string, user: { email: string; password: string }) {
    const { host, ports } = mailStack;
    return {
      workspaceId,
      email: user.email,
      fromName: "Sales",
      provider: "custom",
      smtp: { host, port: ports.submission, security: "starttls" as const },
      imap: { host, port: ports.imaps, security: "tls" as const },
      password: user.password,
    };
  }

  /** Connects a stack mailbox through the API (a real SMTP and IMAP login); setup fails loudly if it does not. */
  async function connectStackInbox(
    api: ReturnType<typeof call>,
    workspaceId: string,
    user: { email: string; password: string },
  ) {
    const result = await api.inboxes.connect(stackInboxInput(workspaceId, user));
    if (!result.connected) throw new Error(`setup: ${user.email} did not connect: ${JSON.stringify(result.check)}`);
    return result.inbox;
  }

  async function close() {
    await regions.disconnect();
    redis.disconnect();
  }

  return { db, deps, redis, mailStack, call, recording, signUp, team, stackInboxInput, connectStackInbox, close };
}

export type Harness = ReturnType<typeof createHarness>;

/** Resolves to the tRPC error code a call fails with, or "OK". */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return (error as { code?: string }).code ?? "UNKNOWN";
  }
}
