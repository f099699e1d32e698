// Child process of bench/api.ts: the real MailFlow HTTPS app and a bare Fastify HTTPS route, side by side,
// on the same TLS settings. Prints one JSON line with where they listen and the credentials to use.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { appRouter, createApiDeps, createCallerFactory } from "@mailflow/api/server";
import { createDb } from "@mailflow/db";
import { createFreshDatabase } from "@mailflow/db/testing";
import { buildApp, ensureSelfSignedCertificate, TLS_POLICY } from "@mailflow/server";
import { parseKeyRing, Vault } from "@mailflow/vault";
import Fastify from "fastify";
import { Redis } from "ioredis";

const fresh = await createFreshDatabase("mailflow_bench");
const tls = await ensureSelfSignedCertificate(mkdtempSync(path.join(tmpdir(), "mailflow-bench-tls-")));
const db = createDb(fresh.url);
const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const config = {
  JWT_SECRET: "bench-Jwt-Secr3t-0123456789-abcdefghijklmn",
  PASSWORD_PEPPER: "bench-Pepp3r-9876543210-zyxwvutsrqponm",
  UNSUBSCRIBE_SECRET: "bench-Unsub-5647382910-qazwsxedcrfvtgb",
  SESSION_TTL_SECONDS: 3600,
  API_KEY_CACHE_TTL_SECONDS: 60,
  // Production limits would stop a load test from one IP; the bench measures the work, not the limiter's 429s.
  RATE_LIMIT_IP_PER_MINUTE: 100_000_000,
  RATE_LIMIT_USER_PER_MINUTE: 100_000_000,
  RATE_LIMIT_AUTH_PER_15_MINUTES: 1000,
  PUBLIC_URL: "https://localhost:8443",
};
const vault = new Vault(parseKeyRing({ current: "bench", keys: { bench: randomBytes(32).toString("base64") } }));
const deps = createApiDeps({
  db,
  redis,
  config,
  vault,
  mailPolicy: { allowPrivateHosts: false },
  namespace: `bench-${process.pid}`,
});
const app = await buildApp(
  {
    TLS_CERT_FILE: tls.certFile,
    TLS_KEY_FILE: tls.keyFile,
    BODY_LIMIT_BYTES: 1024 * 1024,
    TRUST_PROXY: false,
    LOG_LEVEL: "silent",
    PUBLIC_URL: "https://localhost:8443",
    SECURITY_CONTACT: "mailto:security@mailflow.dev",
  },
  deps,
);
await app.listen({ host: "127.0.0.1", port: 0 });

const bare = Fastify({ https: { ...TLS_POLICY, cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) } });
bare.get("/bare", async () => ({ ok: true }));
await bare.listen({ host: "127.0.0.1", port: 0 });

const caller = (bearer: string | null) =>
  createCallerFactory(appRouter)({
    deps,
    request: { ip: "127.0.0.1", userAgent: "bench", bearer, sessionCookie: null },
    response: { setSessionCookie() {}, clearSessionCookie() {}, setHeader() {} },
  });
const signedUp = await caller(null).auth.signUp({
  email: "bench@example.test",
  name: "Bench",
  password: "violet-Harbor-71-lantern",
  transport: "bearer",
});
const me = await caller(signedUp.token).auth.me();
const workspaceId = me.workspaces[0]!.id;
const key = await caller(signedUp.token).apiKeys.create({ workspaceId, name: "bench" });

const portOf = (server: typeof app.server) => (server.address() as { port: number }).port;
console.log(
  JSON.stringify({
    apiPort: portOf(app.server),
    barePort: portOf(bare.server),
    apiKey: key.key,
    sessionToken: signedUp.token,
    workspaceId,
  }),
);

process.on("SIGTERM", async () => {
  await app.close();
  await bare.close();
  await db.$disconnect();
  redis.disconnect();
  await fresh.drop();
  process.exit(0);
});
