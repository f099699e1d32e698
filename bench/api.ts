// pnpm bench:api: requests/s and latency of an API-key-authenticated read at 50 connections, beside a bare
// Fastify route on the same machine, TLS settings and run. The servers run in a child process so that the load
// generator does not share their event loop.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

const child = spawn(
  process.execPath,
  [
    ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir=/tmp/mfprof"] : []),
    "--import",
    "tsx",
    fileURLToPath(new URL("./api-server.ts", import.meta.url)),
  ],
  {
    stdio: ["ignore", "pipe", "inherit"],
  },
);
const ready = await new Promise<{
  apiPort: number;
  barePort: number;
  apiKey: string;
  sessionToken: string;
  workspaceId: string;
}>((resolve, reject) => {
  createInterface({ input: child.stdout! }).once("line", (line) => resolve(JSON.parse(line)));
  child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
});

const input = encodeURIComponent(JSON.stringify({ json: { workspaceId: ready.workspaceId } }));
const targets = [
  { name: "bare Fastify route (HTTPS)", url: `https://127.0.0.1:${ready.barePort}/bare`, headers: {} },
  {
    name: "workspaces.get with an API key",
    url: `https://127.0.0.1:${ready.apiPort}/trpc/workspaces.get?input=${input}`,
    headers: { authorization: `Bearer ${ready.apiKey}` },
  },
  {
    name: "workspaces.get with a session JWT",
    url: `https://127.0.0.1:${ready.apiPort}/trpc/workspaces.get?input=${input}`,
    headers: { authorization: `Bearer ${ready.sessionToken}` },
  },
];

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}
const rows: Row[] = [];
for (const target of targets) {
  // Warm-up: JIT, connection pool, and the API key's one bcrypt verification.
  await autocannon({
    url: target.url,
    headers: target.headers,
    connections: 5,
    duration: 2,
    tlsOptions: { rejectUnauthorized: false },
  });
  const result = await autocannon({
    url: target.url,
    headers: target.headers,
    connections: CONNECTIONS,
    duration: DURATION_SECONDS,
    tlsOptions: { rejectUnauthorized: false },
  });
  rows.push({
    name: target.name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  });
}
child.kill("SIGTERM");

console.log(
  `\n${CONNECTIONS} connections, ${DURATION_SECONDS} s each, Node ${process.version}, ${new Date().toISOString()}`,
);
console.log("| target | requests/s | p50 ms | p99 ms | non-2xx | errors |");
console.log("|---|---:|---:|---:|---:|---:|");
for (const r of rows) {
  console.log(`| ${r.name} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.errors} |`);
}
