// pnpm bench:send: how fast queued messages become accepted by an SMTP server. MailFlow's worker sends BENCH_MESSAGES
// (default 5,000) queued messages to Postfix's smtp-sink, beside Postfix's own smtp-source blasting the same sink at
// the same concurrency, in one run. The sink accepts everything and stores nothing, so this measures our pipeline
// (claim, checks, compose, SMTP over TLS, commit), not a mail server.
//
// MailFlow never sends a password without TLS and smtp-sink speaks no TLS, so our messages go through a TLS
// terminator (a few lines of node:tls below) in front of the sink; smtp-source talks to the sink in plain text.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import tls from "node:tls";
import { loadWorkerConfig } from "@mailflow/config";
import { createDb } from "@mailflow/db";
import { createFreshDatabase } from "@mailflow/db/testing";
import { sealInboxPassword } from "@mailflow/secrets";
import { ensureSelfSignedCertificate } from "@mailflow/server";
import { parseKeyRing, Vault } from "@mailflow/vault";
import { createWorker } from "@mailflow/worker";

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 5000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
// Each inbox keeps at most 2 SMTP connections (a provider's limit), so the concurrency needs CONCURRENCY / 2 inboxes.
const INBOXES = Math.max(1, Math.ceil(CONCURRENCY / 2));
const SINK_PORT = Number(process.env.BENCH_SINK_PORT ?? 7025);
const TLS_PORT = SINK_PORT + 1;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function startSink(): ChildProcess {
  // -u: the user to run as when started as root; 1000: listen backlog. Accepts any AUTH, discards every message.
  const args = ["-u", "nobody", `127.0.0.1:${SINK_PORT}`, "1000"];
  return spawn("/usr/sbin/smtp-sink", args, { stdio: "ignore" });
}

async function waitForPort(port: number) {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.destroy();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (ok) return;
    await sleep(50);
  }
  throw new Error(`port ${port} did not open`);
}

const key = randomBytes(32).toString("base64");
const vault = new Vault(parseKeyRing({ current: "bench", keys: { bench: key } }));
const certs = await ensureSelfSignedCertificate(mkdtempSync(path.join(tmpdir(), "mailflow-bench-send-")));
const sink = startSink();
const terminator = tls.createServer(
  { key: readFileSync(certs.keyFile), cert: readFileSync(certs.certFile), minVersion: "TLSv1.2" },
  (client) => {
    const upstream = net.connect(SINK_PORT, "127.0.0.1");
    client.pipe(upstream).pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", close);
    upstream.on("error", close);
  },
);
terminator.listen(TLS_PORT, "127.0.0.1");
await waitForPort(SINK_PORT);
await waitForPort(TLS_PORT);

const fresh = await createFreshDatabase("mailflow_bench_send");
const db = createDb(fresh.url);
try {
  // A launched one-step campaign with MESSAGES leads over INBOXES inboxes that point at the terminator.
  const workspace = await db.workspace.create({
    data: { name: "bench", senderCompany: "Bench Ltd", senderAddress: "1 Bench Street, Benchtown" },
  });
  const inboxIds: string[] = [];
  for (let i = 0; i < INBOXES; i++) {
    const id = randomUUID();
    inboxIds.push(id);
    await db.inbox.create({
      data: {
        id,
        workspaceId: workspace.id,
        email: `sender${i}@bench.example`,
        fromName: `Sender ${i}`,
        provider: "custom",
        smtpHost: "127.0.0.1",
        smtpPort: TLS_PORT,
        smtpSecurity: "TLS",
        imapHost: "127.0.0.1",
        imapPort: 993,
        imapSecurity: "TLS",
        username: `sender${i}@bench.example`,
        passwordSealed: sealInboxPassword(vault, id, "bench-password"),
        allowSelfSigned: true,
        dailyLimit: 1_000_000,
        minGapSeconds: 0,
        // The sink has no IMAP: act as a server that files Sent copies itself (no append).
        sentCopy: "SERVER",
      },
    });
  }
  const list = await db.leadList.create({ data: { workspaceId: workspace.id, name: "bench" } });
  await db.lead.createMany({
    data: Array.from({ length: MESSAGES }, (_, i) => ({
      workspaceId: workspace.id,
      listId: list.id,
      email: `lead${i}@recipient.example`,
      firstName: `Lead${i}`,
    })),
  });
  const campaign = await db.campaign.create({
    data: {
      workspaceId: workspace.id,
      name: "bench",
      status: "ACTIVE",
      sendDays: [1, 2, 3, 4, 5, 6, 7],
      windowStart: "00:00",
      windowEnd: "23:59",
      useLeadTimeZone: false,
      dailyCap: 1_000_000,
      launchedAt: new Date(),
    },
  });
  const body = `Hi {{firstName}},\n\n${"A line of a realistic cold email, about the length of one. ".repeat(25)}\n\nBest`;
  await db.campaignStep.create({
    data: {
      campaignId: campaign.id,
      position: 0,
      delayMinutes: 0,
      variants: [{ id: "a", weight: 100, subject: "Hello {{firstName}}", body, bodyFormat: "text" }],
    },
  });
  await db.campaignInbox.createMany({ data: inboxIds.map((inboxId) => ({ campaignId: campaign.id, inboxId })) });
  const leads = await db.lead.findMany({ where: { listId: list.id }, select: { id: true } });
  await db.campaignLead.createMany({
    data: leads.map((l) => ({ campaignId: campaign.id, leadId: l.id, nextSendAt: new Date(Date.now() - 1000) })),
  });

  const worker = await createWorker(
    loadWorkerConfig({
      DATABASE_URL: fresh.url,
      UNSUBSCRIBE_SECRET: "bench-Unsub-5647382910-qazwsxedcrfvtgb",
      PUBLIC_URL: "https://mailflow.bench",
      VAULT_KEYS: JSON.stringify({ current: "bench", keys: { bench: key } }),
      MAIL_ALLOW_PRIVATE_HOSTS: "true",
      SEND_CONCURRENCY: String(CONCURRENCY),
      SCHEDULER_BATCH: "1000",
      JOB_POLL_MS: "200",
    }),
    { maxConnections: CONCURRENCY + 2, log: { info: () => {}, warn: console.warn, error: console.error } },
  );

  // 1. The scheduler: render and queue everything (Message rows + send jobs).
  let started = performance.now();
  let queued = 0;
  for (;;) {
    const report = await worker.tick();
    queued += report.queued;
    if (report.due === 0) break;
  }
  const scheduleSeconds = (performance.now() - started) / 1000;

  // 2. The sender: from queued to accepted by the sink.
  started = performance.now();
  worker.start({ scheduler: false });
  for (;;) {
    const sent = await db.message.count({ where: { campaignId: campaign.id, status: "SENT" } });
    if (sent >= MESSAGES) break;
    await sleep(100);
  }
  const sendSeconds = (performance.now() - started) / 1000;
  await worker.stop();

  // 3. Postfix's smtp-source against the same sink, same concurrency, same payload size, one connection per session.
  const payload = Buffer.byteLength(body) + 1200;
  started = performance.now();
  execFileSync("/usr/sbin/smtp-source", [
    "-s",
    String(CONCURRENCY),
    "-m",
    String(MESSAGES),
    "-d",
    "-l",
    String(payload),
    "-f",
    "sender@bench.example",
    "-t",
    "lead@recipient.example",
    `127.0.0.1:${SINK_PORT}`,
  ]);
  const sourceSeconds = (performance.now() - started) / 1000;

  const rate = (n: number, s: number) => Math.round(n / s);
  console.log(
    [
      `messages: ${MESSAGES}, concurrency: ${CONCURRENCY} (${INBOXES} inboxes x 2 connections), payload ~${payload} bytes`,
      `MailFlow scheduler: queued ${queued} in ${scheduleSeconds.toFixed(1)} s = ${rate(queued, scheduleSeconds)} msg/s`,
      `MailFlow sender (queued -> accepted by smtp-sink, TLS): ${sendSeconds.toFixed(1)} s = ${rate(MESSAGES, sendSeconds)} msg/s`,
      `Postfix smtp-source -> smtp-sink (plain SMTP): ${sourceSeconds.toFixed(1)} s = ${rate(MESSAGES, sourceSeconds)} msg/s`,
    ].join("\n"),
  );
} finally {
  await db.$disconnect();
  await fresh.drop();
  terminator.close();
  sink.kill();
}
process.exit(0);
