import { codeOf, type Harness } from "@mailflow/api/testing";
import type { FreshDatabase } from "@mailflow/db/testing";
import { createLeadInserter } from "@mailflow/leads";
import { readMailStack } from "@mailflow/mail/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closeWorkerTestbed, openWorkerTestbed, waitFor } from "./testing/index.ts";
import type { Worker } from "./worker.ts";

const stack = readMailStack(inject("mailStackDir"));
const ROWS = 60_000;

let database: FreshDatabase;
let h: Harness;
let worker: Worker;

beforeAll(async () => {
  ({ database, h, worker } = await openWorkerTestbed(stack));
  worker.start({ scheduler: false });
}, 60_000);

afterAll(async () => {
  await closeWorkerTestbed({ database, h, worker });
});

/** A file larger than the request body limit: 60,000 leads, every 1,000th row broken, one duplicate. */
function bigCsv(): Buffer {
  const lines = ["E-Mail,First Name,Company,Plan"];
  for (let i = 1; i <= ROWS; i++) {
    lines.push(i % 1000 === 0 ? `not-an-email-${i},Broken,,` : `lead${i}@big.example,Name${i},Company ${i},gold`);
  }
  lines.push("lead1@big.example,Again,,");
  return Buffer.from(`${lines.join("\n")}\n`);
}

describe("a large CSV import as a job", () => {
  it("uploads in chunks, runs in the worker with visible progress, and reports bad rows by line", async () => {
    const owner = await h.signUp("import");
    const api = owner.as();
    const workspaceId = owner.workspaceId;
    // 60,000 leads need the Scale plan (the limit itself is the next test's subject).
    await h.db.workspace.update({ where: { id: workspaceId }, data: { plan: "SCALE" } });
    const listId = (await api.leads.createList({ workspaceId, name: "Big list" })).id;
    const file = bigCsv();
    expect(file.length).toBeGreaterThan(2 * 1024 * 1024);

    const { importId, chunkBytes } = await api.leads.startImport({
      workspaceId,
      listId,
      fileName: "big.csv",
      bytes: file.length,
      mapping: { email: "E-Mail", firstName: "First Name", company: "Company" },
    });
    // Out of order, or more than announced: refused, nothing lost.
    expect(await codeOf(api.leads.uploadChunk({ workspaceId, importId, seq: 1, data: "eA==" }))).toBe("BAD_REQUEST");
    expect(await codeOf(api.leads.finishImport({ workspaceId, importId }))).toBe("BAD_REQUEST");
    for (let seq = 0; seq * chunkBytes < file.length; seq++) {
      const data = file.subarray(seq * chunkBytes, (seq + 1) * chunkBytes).toString("base64");
      await api.leads.uploadChunk({ workspaceId, importId, seq, data });
      if (seq === 0) await api.leads.uploadChunk({ workspaceId, importId, seq, data }); // a retried chunk
    }
    expect(await codeOf(api.leads.uploadChunk({ workspaceId, importId, seq: 99, data: "eA==" }))).toBe("BAD_REQUEST");
    const queued = await api.leads.finishImport({ workspaceId, importId });
    expect(queued).toMatchObject({ status: "QUEUED", bytesUploaded: file.length, percent: 0 });

    const seen: { status: string; percent: number; processed: number }[] = [];
    const done = await waitFor(
      "the import to finish",
      async () => {
        const status = await api.leads.importStatus({ workspaceId, importId });
        seen.push({ status: status.status, percent: status.percent, processed: status.processed });
        return status.status === "DONE" ? status : null;
      },
      120_000,
    );
    // The progress bar moved: the job was seen running, part-way through the file.
    expect(seen.some((s) => s.status === "RUNNING" && s.processed > 0 && s.percent > 0 && s.percent < 100)).toBe(true);
    expect(done).toMatchObject({
      percent: 100,
      processed: ROWS + 1,
      imported: ROWS - ROWS / 1000,
      rejected: ROWS / 1000,
      duplicates: 1,
      fatal: null,
    });
    expect(done.rejections[0]).toEqual({ line: 1001, reason: expect.stringMatching(/email/i) });
    expect(await h.db.lead.count({ where: { workspaceId, listId } })).toBe(ROWS - ROWS / 1000);
    const custom = await h.db.lead.findFirstOrThrow({ where: { workspaceId, email: "lead7@big.example" } });
    expect(custom).toMatchObject({ firstName: "Name7", company: "Company 7", customFields: { Plan: "gold" } });
    expect(await h.db.leadImportChunk.count({ where: { importId } })).toBe(0);
    const audit = await h.db.auditEvent.findFirstOrThrow({ where: { workspaceId, action: "leads.imported" } });
    expect(audit).toMatchObject({ actorType: "USER", actorId: owner.user.id });
    expect(await api.leads.imports({ workspaceId, listId })).toHaveLength(1);
  });

  it("stops at the plan's lead limit: the rows past it are reported by line, duplicates cost nothing", async () => {
    const owner = await h.signUp("import-limit");
    const api = owner.as();
    const workspaceId = owner.workspaceId;
    const listId = (await api.leads.createList({ workspaceId, name: "Free list" })).id;
    // 990 leads already; the file repeats 5 of them and brings 15 new ones: on Free (1,000) 10 fit, 5 do not.
    await api.leads.importCsv({
      workspaceId,
      listId,
      csv: `email\n${Array.from({ length: 990 }, (_, i) => `old${i}@limit.example`).join("\n")}\n`,
    });
    const rows = [
      ...Array.from({ length: 5 }, (_, i) => `old${i}@limit.example`),
      ...Array.from({ length: 15 }, (_, i) => `new${i}@limit.example`),
    ];
    const file = Buffer.from(`email\n${rows.join("\n")}\n`);
    const { importId } = await api.leads.startImport({ workspaceId, listId, fileName: "more.csv", bytes: file.length });
    await api.leads.uploadChunk({ workspaceId, importId, seq: 0, data: file.toString("base64") });
    await api.leads.finishImport({ workspaceId, importId });
    const done = await waitFor("the import to finish", async () => {
      const status = await api.leads.importStatus({ workspaceId, importId });
      return status.status === "DONE" ? status : null;
    });
    expect(done).toMatchObject({ processed: 20, imported: 10, duplicates: 5, rejected: 5 });
    // new10..new14 are file lines 17..21 (the header is line 1, five old addresses come first).
    expect(done.rejections).toEqual(
      [17, 18, 19, 20, 21].map((line) => ({
        line,
        reason: "The Free plan allows 1,000 leads per workspace; this one is full.",
      })),
    );
    expect(await h.db.lead.count({ where: { workspaceId } })).toBe(1000);
    // The inline import obeys the same limit.
    const inline = await api.leads.importCsv({ workspaceId, listId, csv: "email\nlate@limit.example\n" });
    expect(inline).toMatchObject({
      imported: 0,
      rejected: 1,
      rejections: [{ line: 2, reason: expect.stringMatching(/Free plan/) }],
    });
  });

  it("two imports into one workspace, batches interleaved, stop at the limit together", async () => {
    const owner = await h.signUp("import-race");
    const workspaceId = owner.workspaceId;
    const listId = (await owner.as().leads.createList({ workspaceId, name: "Race" })).id;
    const limit = { leads: 10, planName: "Test" };
    const a = createLeadInserter(h.db, workspaceId, listId, limit);
    const b = createLeadInserter(h.db, workspaceId, listId, limit);
    const rows = (prefix: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        email: `${prefix}${i}@race.example`,
        firstName: null,
        lastName: null,
        company: null,
        title: null,
        timeZone: null,
        customFields: {},
      }));
    expect((await a(rows("a", 4))).inserted).toBe(4); // A counts once: 0, then carries 4
    expect((await b(rows("b", 4))).inserted).toBe(4); // B counts: 4, carries 8
    // A's carried count (4) is stale: the workspace row says someone else stored leads, so A counts again (8).
    const third = await a(rows("c", 4));
    expect(third.inserted).toBe(2);
    expect(third.refused.map((r) => r.index)).toEqual([2, 3]);
    expect(await h.db.lead.count({ where: { workspaceId } })).toBe(10);
  });
});
