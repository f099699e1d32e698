// pnpm bench:imap-sync: one worker watching BENCH_INBOXES (default 1,000) inboxes of a private test mail stack
// (Postfix + Dovecot with that many users). Times a first pass (every inbox: connect, TLS, LOGIN, EXAMINE, cursor)
// and a second pass after BENCH_REPLIES of them received a reply to a campaign message, with IMAP_SYNC_CONCURRENCY
// connections at most. Prints passes, inboxes/s and peak RSS.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadWorkerConfig } from "@mailflow/config";
import { createDb } from "@mailflow/db";
import { createFreshDatabase } from "@mailflow/db/testing";
import { readMailStack } from "@mailflow/mail/testing";
import { sealInboxPassword } from "@mailflow/secrets";
import { parseKeyRing, Vault } from "@mailflow/vault";
import { createWorker } from "@mailflow/worker";
import nodemailer from "nodemailer";

const INBOXES = Number(process.env.BENCH_INBOXES ?? 1000);
const REPLIES = Number(process.env.BENCH_REPLIES ?? 100);
const CONCURRENCY = Number(process.env.IMAP_SYNC_CONCURRENCY ?? 20);
const script = fileURLToPath(new URL("../scripts/mail-stack.sh", import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), "mailflow-bench-imap-"));
const stackEnv = {
  ...process.env,
  MAILSTACK_BASE: process.env.BENCH_STACK_BASE ?? "9000",
  MAILSTACK_USERS: String(INBOXES),
};
execFileSync("bash", [script, "start", dir], { env: stackEnv, stdio: "inherit" });
const stack = readMailStack(dir);
const users = stack.users.filter((u) => u.email.startsWith("user")).slice(0, INBOXES);
const key = Buffer.alloc(32, 7).toString("base64");
const vault = new Vault(parseKeyRing({ current: "b", keys: { b: key } }));
const fresh = await createFreshDatabase("mailflow_bench_imap");
const db = createDb(fresh.url);
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
try {
  const workspace = await db.workspace.create({ data: { name: "bench", senderCompany: "B", senderAddress: "1 B St" } });
  const list = await db.leadList.create({ data: { workspaceId: workspace.id, name: "l" } });
  const campaign = await db.campaign.create({ data: { workspaceId: workspace.id, name: "c", status: "ACTIVE" } });
  const inboxes = [];
  for (const u of users) {
    const id = randomUUID();
    inboxes.push(
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
      }),
    );
  }
  const caFile = path.join(dir, "ca.pem");
  writeFileSync(caFile, stack.ca);
  const worker = await createWorker(
    loadWorkerConfig({
      DATABASE_URL: fresh.url,
      UNSUBSCRIBE_SECRET: "bench-Unsub-5647382910-qazwsxedcrfvtgb",
      PUBLIC_URL: "https://mailflow.bench",
      VAULT_KEYS: JSON.stringify({ current: "b", keys: { b: key } }),
      MAIL_ALLOW_PRIVATE_HOSTS: "true",
      MAIL_EXTRA_CA_FILE: caFile,
      IMAP_SYNC_CONCURRENCY: String(CONCURRENCY),
    }),
    { maxConnections: 6, log: { info: () => {}, warn: console.warn, error: console.error } },
  );

  let started = performance.now();
  const first = await worker.syncInboxes();
  const firstSeconds = (performance.now() - started) / 1000;

  // REPLIES inboxes get a reply to a campaign message they "sent".
  const smtp = nodemailer.createTransport({
    host: stack.host,
    port: stack.ports.submission,
    requireTLS: true,
    auth: { user: users[0]!.email, pass: users[0]!.password },
    tls: { ca: stack.ca, servername: `mail.${stack.domain}` },
    pool: true,
  });
  for (const inbox of inboxes.slice(0, REPLIES)) {
    const lead = await db.lead.create({
      data: { workspaceId: workspace.id, listId: list.id, email: `lead-${inbox.id}@example.test` },
    });
    const cl = await db.campaignLead.create({ data: { campaignId: campaign.id, leadId: lead.id } });
    const messageId = `<bench.${inbox.id}@example.test>`;
    await db.message.create({
      data: {
        workspaceId: workspace.id,
        campaignId: campaign.id,
        campaignLeadId: cl.id,
        leadId: lead.id,
        inboxId: inbox.id,
        step: 0,
        variantId: "a",
        messageId,
        fromEmail: inbox.email,
        toEmail: lead.email,
        subject: "Hello",
        text: "x",
        html: "x",
        status: "SENT",
        sentAt: new Date(),
      },
    });
    await smtp.sendMail({
      from: lead.email,
      to: inbox.email,
      subject: "Re: Hello",
      text: "Interested!",
      inReplyTo: messageId,
    });
  }
  smtp.close();
  await new Promise((resolve) => setTimeout(resolve, 3000));

  started = performance.now();
  const second = await worker.syncInboxes();
  const secondSeconds = (performance.now() - started) / 1000;
  const replies = await db.inboundMessage.count({ where: { kind: "REPLY" } });
  await worker.stop();
  console.log(
    [
      `inboxes: ${INBOXES}, IMAP connections at most: ${CONCURRENCY}`,
      `first pass (connect, TLS, LOGIN, EXAMINE, cursor): ${first.size} inboxes in ${firstSeconds.toFixed(1)} s = ${Math.round(first.size / firstSeconds)} inboxes/s`,
      `second pass (${REPLIES} with a new reply): ${second.size} inboxes in ${secondSeconds.toFixed(1)} s = ${Math.round(second.size / secondSeconds)} inboxes/s; replies stored: ${replies}`,
      `peak RSS: ${Math.round(peakRss / 1024 / 1024)} MB`,
    ].join("\n"),
  );
} finally {
  clearInterval(sampler);
  await db.$disconnect();
  await fresh.drop();
  execFileSync("bash", [script, "stop", dir], { env: stackEnv, stdio: "ignore" });
}
process.exit(0);
