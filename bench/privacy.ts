// pnpm bench:privacy: data requests on a workspace of BENCH_LEADS leads (default 200,000) with one message and one
// reply per lead, in a fresh database: how long one person's export, one erasure (whose sweep reads every text and
// JSON column of the workspace) and a whole-workspace export take. Prints seconds, rows and the zip's size.
import { randomUUID } from "node:crypto";
import { createDb, type Db } from "@mailflow/db";
import { createFreshDatabase } from "@mailflow/db/testing";
import { leadLimitOf } from "@mailflow/engine";
import { createLeadInserter } from "@mailflow/leads";
import { eraseSubject, exportZip, findSubjectRecords, findWorkspaceRecords } from "@mailflow/privacy";

const LEADS = Number(process.env.BENCH_LEADS ?? 200_000);

async function seed(db: Db) {
  const workspace = await db.workspace.create({ data: { name: "bench", plan: "SCALE" } });
  const list = await db.leadList.create({ data: { workspaceId: workspace.id, name: "bench" } });
  const insert = createLeadInserter(db, workspace.id, list.id, leadLimitOf("SCALE"));
  for (let start = 0; start < LEADS; start += 5000) {
    const rows = Array.from({ length: Math.min(5000, LEADS - start) }, (_, i) => ({
      email: `lead${start + i}@company${(start + i) % 5000}.example`,
      firstName: `First${start + i}`,
      lastName: null,
      company: `Company ${(start + i) % 5000}`,
      title: null,
      timeZone: null,
      customFields: { industry: "software" },
    }));
    await insert(rows);
  }
  const inbox = await db.inbox.create({
    data: {
      id: randomUUID(),
      workspaceId: workspace.id,
      email: "sender@bench.example",
      fromName: "Bench",
      provider: "custom",
      smtpHost: "smtp.bench.example",
      smtpPort: 587,
      smtpSecurity: "STARTTLS",
      imapHost: "imap.bench.example",
      imapPort: 993,
      imapSecurity: "TLS",
      username: "sender",
      passwordSealed: "v1.k.iv.ct.tag",
    },
  });
  const campaign = await db.campaign.create({ data: { workspaceId: workspace.id, name: "bench" } });
  // One message and one reply per lead, set-based.
  await db.$executeRaw`
    INSERT INTO "CampaignLead" ("id", "campaignId", "leadId", "status")
    SELECT gen_random_uuid(), ${campaign.id}::uuid, "id", 'COMPLETED' FROM "Lead" WHERE "workspaceId" = ${workspace.id}::uuid`;
  await db.$executeRaw`
    INSERT INTO "Message" ("id", "workspaceId", "campaignId", "campaignLeadId", "leadId", "inboxId", "step", "variantId",
      "messageId", "fromEmail", "toEmail", "subject", "text", "html", "status")
    SELECT gen_random_uuid(), ${workspace.id}::uuid, cl."campaignId", cl."id", cl."leadId", ${inbox.id}::uuid, 0, 'a',
      '<' || cl."id" || '@bench.example>', 'sender@bench.example', l."email", 'Hello ' || l."firstName",
      'Hi ' || l."firstName" || ', a short note about your team.', '<p>Hi</p>', 'SENT'
    FROM "CampaignLead" cl JOIN "Lead" l ON l."id" = cl."leadId" WHERE cl."campaignId" = ${campaign.id}::uuid`;
  await db.$executeRaw`
    INSERT INTO "InboundMessage" ("id", "workspaceId", "inboxId", "folder", "uidValidity", "uid", "kind", "fromEmail",
      "subject", "text", "receivedAt", "leadId")
    SELECT gen_random_uuid(), ${workspace.id}::uuid, ${inbox.id}::uuid, 'INBOX', 1, row_number() OVER (), 'REPLY',
      l."email", 'Re: Hello', 'Thanks, not now.', now(), l."id"
    FROM "Lead" l WHERE l."workspaceId" = ${workspace.id}::uuid`;
  await db.$executeRawUnsafe("ANALYZE");
  return workspace.id;
}

const time = async <T>(what: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const result = await what();
  return [result, (performance.now() - started) / 1000];
};

const fresh = await createFreshDatabase("mailflow_bench_privacy");
const db = createDb(fresh.url);
try {
  const [workspaceId, seedSeconds] = await time(() => seed(db));
  const subject = `lead${Math.floor(LEADS / 2)}@company${Math.floor(LEADS / 2) % 5000}.example`;
  const [records, exportSeconds] = await time(() => findSubjectRecords(db, workspaceId, subject));
  const [erased, eraseSeconds] = await time(() =>
    db.$transaction((tx) => eraseSubject(tx, workspaceId, subject), { timeout: 600_000 }),
  );
  const [sections, workspaceSeconds] = await time(() => findWorkspaceRecords(db, workspaceId));
  const [zip, zipSeconds] = await time(async () => exportZip("workspace", { workspaceId }, sections));
  const rows = Object.values(sections).reduce((n, s) => n + s.length, 0);
  console.log(
    `workspace: ${LEADS.toLocaleString("en-US")} leads, one message and one reply each (seeded in ${seedSeconds.toFixed(1)} s)`,
  );
  console.log(
    `one person's export (records found): ${exportSeconds.toFixed(2)} s (${Object.values(records).reduce((n, s) => n + s.length, 0)} records)`,
  );
  console.log(`one erasure, sweep included: ${eraseSeconds.toFixed(2)} s (${JSON.stringify(erased.counts)})`);
  console.log(
    `workspace export: read ${rows.toLocaleString("en-US")} rows in ${workspaceSeconds.toFixed(1)} s, zipped in ${zipSeconds.toFixed(1)} s to ${(zip.length / 1024 / 1024).toFixed(1)} MiB`,
  );
  console.log(`peak RSS: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`);
} finally {
  await db.$disconnect();
  await fresh.drop();
}
