import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createHarness, type Harness } from "@mailflow/api/testing";
import { runMigrations } from "@mailflow/db";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "@mailflow/embedded-db";
import { readMailStack } from "@mailflow/mail/testing";
import { createWorker, type Worker } from "@mailflow/worker";
import { launchCampaignThroughApi, readMailbox, testWorkerConfig, waitFor } from "@mailflow/worker/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

/**
 * What `scripts/start.sh` runs on a machine without PostgreSQL: the API and the worker (pg-boss, advisory locks,
 * the scheduler's transaction) on the embedded PGlite database, sending real mail through the test stack.
 */
const stack = readMailStack(inject("mailStackDir"));
const user = (name: string) => stack.users.find((u) => u.email.startsWith(`${name}@`))!;
const dataDir = mkdtempSync(path.join(tmpdir(), "mailflow-embedded-"));
const tag = Math.random().toString(36).slice(2, 8);

let embedded: EmbeddedPostgres;
/** The EU region's database: a second PGlite instance, as `pnpm start` runs it (region-databases.ts). */
let embeddedEu: EmbeddedPostgres;
let h: Harness;
let worker: Worker;

beforeAll(async () => {
  [embedded, embeddedEu] = await Promise.all([
    startEmbeddedPostgres(path.join(dataDir, "pg")),
    startEmbeddedPostgres(path.join(dataDir, "pg-eu")),
  ]);
  await Promise.all([runMigrations(embedded.url), runMigrations(embeddedEu.url)]);
  h = createHarness({}, { databaseUrl: embedded.url, maxConnections: 1, regionUrls: { EU: embeddedEu.url } });
  worker = await createWorker(testWorkerConfig(embedded.url, stack, { DATABASE_URL_EU: embeddedEu.url }), {
    maxConnections: 1,
  });
  worker.start({ scheduler: false });
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await h?.close();
  await embedded?.stop();
  await embeddedEu?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("MailFlow on the embedded database", () => {
  it("launches a campaign and the worker sends it", async () => {
    const owner = await h.signUp("embedded");
    const leads = [0, 1].map((i) => `carol+${tag}-emb${i}@${stack.domain}`);
    const { campaignId } = await launchCampaignThroughApi(h, owner.as(), owner.workspaceId, {
      senders: [user("alice")],
      leadsCsv: `email\n${leads.join("\n")}\n`,
      steps: [{ delayMinutes: 0, variants: [{ subject: "From PGlite", body: "Hello from the embedded database." }] }],
    });
    expect((await worker.tick()).queued).toBe(2);
    const sent = await waitFor("both messages sent", async () => {
      const messages = await h.db.message.findMany({ where: { campaignId, status: "SENT" } });
      return messages.length === 2 ? messages : null;
    });
    await waitFor("both in carol's INBOX", async () => {
      const ids = (await readMailbox(stack, user("carol"), "INBOX", { source: false })).map((m) => m.messageId);
      return sent.every((m) => ids.includes(m.messageId));
    });
  });

  it("keeps an EU workspace in the EU database and sends its campaign from there", async () => {
    const owner = await h.signUp("embedded-eu");
    const api = owner.as();
    const { id: workspaceId } = await api.workspaces.create({ name: "EU", region: "EU" });
    const lead = `carol+${tag}-emb-eu@${stack.domain}`;
    const { campaignId } = await launchCampaignThroughApi(h, api, workspaceId, {
      senders: [user("alice")],
      leadsCsv: `email\n${lead}\n`,
      steps: [{ delayMinutes: 0, variants: [{ subject: "From the EU", body: "Hello from the EU database." }] }],
    });
    const eu = h.deps.regions.of("EU");
    expect((await worker.tick()).queued).toBe(1);
    await waitFor(
      "the EU message sent",
      async () => (await eu.message.count({ where: { campaignId, status: "SENT" } })) === 1,
    );
    expect(await h.db.lead.count({ where: { workspaceId } })).toBe(0);
    expect(await eu.lead.count({ where: { workspaceId } })).toBe(1);
  });
});
