// pnpm bench:replies: one worker watching N inboxes (BENCH_SIZES, default 100,500,1000) of a private Postfix + Dovecot
// stack, with its default settings (IDLE for up to IMAP_IDLE_MAX=200 inboxes of running campaigns, polling every
// IMAP_SYNC_INTERVAL_MS=60 s for the rest). BENCH_REPLIES replies (default 100) go to random inboxes; for each we time
// from the reply's SMTP acceptance (it lands in the mailbox within milliseconds) to the `email.replied` webhook at a
// local HTTPS receiver, after BENCH_SETTLE_SECONDS (60) of steady running. Prints p50/p95/max per N and memory.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadWorkerConfig } from "@mailflow/config";
import { createDb } from "@mailflow/db";
import { createFreshDatabase } from "@mailflow/db/testing";
import { readMailStack } from "@mailflow/mail/testing";
import { sealInboxPassword } from "@mailflow/secrets";
import { ensureSelfSignedCertificate } from "@mailflow/server";
import { parseKeyRing, Vault } from "@mailflow/vault";
import { generateWebhookSecret, sealWebhookSecret } from "@mailflow/webhooks";
import { createWorker } from "@mailflow/worker";
import nodemailer from "nodemailer";

const SIZES = (process.env.BENCH_SIZES ?? "100,500,1000").split(",").map(Number);
const REPLIES = Number(process.env.BENCH_REPLIES ?? 100);
const SETTLE_SECONDS = Number(process.env.BENCH_SETTLE_SECONDS ?? 60);
const script = fileURLToPath(new URL("../scripts/mail-stack.sh", import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), "mailflow-bench-replies-"));
const stackEnv = {
  ...process.env,
  MAILSTACK_BASE: process.env.BENCH_STACK_BASE ?? "9000",
  MAILSTACK_USERS: String(Math.max(...SIZES)),
};
execFileSync("bash", [script, "start", dir], { env: stackEnv, stdio: "inherit" });
const stack = readMailStack(dir);
const allUsers = stack.users.filter((u) => u.email.startsWith("user"));
const key = Buffer.alloc(32, 7).toString("base64");
const vault = new Vault(parseKeyRing({ current: "b", keys: { b: key } }));
const caFile = path.join(dir, "ca.pem");
writeFileSync(caFile, stack.ca);
const certs = await ensureSelfSignedCertificate(path.join(dir, "receiver-tls"));

// The receiver: when did each email.replied arrive (by the reply's sender, one lead per inbox).
const arrivals = new Map<string, number>();
const receiver = createServer({ cert: readFileSync(certs.certFile), key: readFileSync(certs.keyFile) }, (req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    const event = JSON.parse(body) as { type: string; data: { to: string } };
    if (event.type === "email.replied") arrivals.set(event.data.to, Date.now());
    res.end("ok");
  });
});
await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
const receiverUrl = `https://localhost:${(receiver.address() as { port: number }).port}/hook`;

const percentile = (values: number[], p: number) =>
  values.sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;

for (const size of SIZES) {
  arrivals.clear();
  const users = allUsers.slice(0, size);
  const fresh = await createFreshDatabase("mailflow_bench_replies");
  const db = createDb(fresh.url);
  try {
    const workspace = await db.workspace.create({
      data: { name: "bench", senderCompany: "B", senderAddress: "1 B St" },
    });
    const endpointId = randomUUID();
    await db.webhookEndpoint.create({
      data: {
        id: endpointId,
        workspaceId: workspace.id,
        url: receiverUrl,
        events: ["email.replied"],
        secretSealed: sealWebhookSecret(vault, endpointId, generateWebhookSecret()),
      },
    });
    const list = await db.leadList.create({ data: { workspaceId: workspace.id, name: "l" } });
    const campaign = await db.campaign.create({ data: { workspaceId: workspace.id, name: "c", status: "ACTIVE" } });
    const sent: { inboxEmail: string; lead: string; messageId: string }[] = [];
    for (const u of users) {
      const id = randomUUID();
      await db.inbox.create({
        data: {
          id,
          workspaceId: workspace.id,
          email: u.email,
          fromName: "Bench",
          provider: "custom",
          smtpHost: stack.host,
          smtpPort: stack.ports.submission,
          smtpSecurity: "STARTTLS",
          imapHost: stack.host,
          imapPort: stack.ports.imaps,
          imapSecurity: "TLS",
          username: u.email,
          passwordSealed: sealInboxPassword(vault, id, u.password),
          createdAt: new Date(Date.now() - 60_000),
        },
      });
      const lead = await db.lead.create({
        data: { workspaceId: workspace.id, listId: list.id, email: `lead-${id}@example.test` },
      });
      const cl = await db.campaignLead.create({ data: { campaignId: campaign.id, leadId: lead.id } });
      const messageId = `<bench.${id}@example.test>`;
      await db.message.create({
        data: {
          workspaceId: workspace.id,
          campaignId: campaign.id,
          campaignLeadId: cl.id,
          leadId: lead.id,
          inboxId: id,
          step: 0,
          variantId: "a",
          messageId,
          fromEmail: u.email,
          toEmail: lead.email,
          subject: "Hello",
          text: "x",
          html: "x",
          status: "SENT",
          sentAt: new Date(),
        },
      });
      sent.push({ inboxEmail: u.email, lead: lead.email, messageId });
    }
    const worker = await createWorker(
      loadWorkerConfig({
        DATABASE_URL: fresh.url,
        UNSUBSCRIBE_SECRET: "bench-Unsub-5647382910-qazwsxedcrfvtgb",
        PUBLIC_URL: "https://mailflow.bench",
        VAULT_KEYS: JSON.stringify({ current: "b", keys: { b: key } }),
        MAIL_ALLOW_PRIVATE_HOSTS: "true",
        MAIL_EXTRA_CA_FILE: caFile,
        WEBHOOK_ALLOW_PRIVATE_HOSTS: "true",
        WEBHOOK_EXTRA_CA_FILE: certs.certFile,
        ...Object.fromEntries(
          ["IMAP_SYNC_INTERVAL_MS", "IMAP_IDLE_MAX", "IMAP_SYNC_CONCURRENCY"]
            .filter((k) => process.env[k])
            .map((k) => [k, process.env[k]!]),
        ),
      }),
      { maxConnections: 6, log: { info: () => {}, warn: () => {}, error: console.error } },
    );
    // Warm up: every inbox's cursor is set by a first pass, then the worker runs as in production.
    const warm = performance.now();
    await worker.syncInboxes();
    const warmSeconds = (performance.now() - warm) / 1000;
    worker.start({ scheduler: false });
    // Steady state: IDLE connections up and their catch-up syncs done before the replies arrive.
    await new Promise((resolve) => setTimeout(resolve, SETTLE_SECONDS * 1000));

    const smtp = nodemailer.createTransport({
      host: stack.host,
      port: stack.ports.submission,
      requireTLS: true,
      auth: { user: users[0]!.email, pass: users[0]!.password },
      tls: { ca: stack.ca, servername: `mail.${stack.domain}` },
      pool: true,
    });
    const chosen = [...sent].sort(() => Math.random() - 0.5).slice(0, Math.min(REPLIES, sent.length));
    const sentAt = new Map<string, number>();
    for (const s of chosen) {
      await smtp.sendMail({
        from: s.lead,
        to: s.inboxEmail,
        subject: "Re: Hello",
        text: "Interested!",
        inReplyTo: s.messageId,
      });
      sentAt.set(s.lead, Date.now());
    }
    smtp.close();
    const deadline = Date.now() + 180_000;
    while (arrivals.size < chosen.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    const latencies = chosen
      .filter((s) => arrivals.has(s.lead))
      .map((s) => arrivals.get(s.lead)! - sentAt.get(s.lead)!);
    const rss = Math.round(process.memoryUsage().rss / 1024 / 1024);
    await worker.stop();
    console.log(
      `${size} inboxes: first full pass ${warmSeconds.toFixed(1)} s; ${latencies.length}/${chosen.length} replies -> email.replied: ` +
        `p50 ${(percentile(latencies, 50) / 1000).toFixed(1)} s, p95 ${(percentile(latencies, 95) / 1000).toFixed(1)} s, ` +
        `max ${(Math.max(...latencies) / 1000).toFixed(1)} s; process RSS ${rss} MB`,
    );
  } finally {
    await db.$disconnect();
    await fresh.drop();
  }
}
receiver.close();
execFileSync("bash", [script, "stop", dir], { env: stackEnv, stdio: "ignore" });
process.exit(0);
