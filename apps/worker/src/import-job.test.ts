import { codeOf, type Harness } from "@mailflow/api/testing";
import type { FreshDatabase } from "@mailflow/db/testing";
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
});
