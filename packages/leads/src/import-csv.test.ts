import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { importLeadsCsv, type LeadRow } from "./index.ts";

/** A sink like the database: a unique key on email across all batches. */
function memorySink() {
  const rows = new Map<string, LeadRow>();
  return {
    rows,
    insertBatch: async (batch: LeadRow[]) => {
      let inserted = 0;
      for (const row of batch) {
        if (!rows.has(row.email)) {
          rows.set(row.email, row);
          inserted++;
        }
      }
      return inserted;
    },
  };
}

const csv = [
  "Email,First Name,Last Name,Company,Job Title,Time Zone,Industry,Team Size",
  "ada@example.test,Ada,Lovelace,Engines,CTO,Europe/London,computing,12",
  "not-an-email,Bad,Row,,,,,",
  ",Empty,Email,,,,,",
  "bob@example.test,Bob,,Acme,,Mars/Olympus,,",
  'carol@example.test,Carol,"Smith, Jr.",Acme,,America/New_York,,',
  "ADA@example.test,Ada,Again,,,,,",
  'dave@example.test,Da"ve,x,,,,,',
  "erin@example.test,Erin,,,,,,",
].join("\n");

describe("streaming CSV import", () => {
  it("imports every good row and reports each bad one with its line number and reason", async () => {
    const sink = memorySink();
    const report = await importLeadsCsv(csv, { insertBatch: sink.insertBatch });
    expect(report.fatal).toBeNull();
    expect([...sink.rows.keys()].sort()).toEqual(["ada@example.test", "carol@example.test", "erin@example.test"]);
    expect(report).toMatchObject({ processed: 8, imported: 3, duplicates: 1, rejected: 4 });
    expect(report.rejections.map((r) => r.line).sort((a, b) => a - b)).toEqual([3, 4, 5, 8]);
    const reason = (line: number) => report.rejections.find((r) => r.line === line)!.reason;
    expect(reason(3)).toMatch(/"not-an-email" is not a valid email address/);
    expect(reason(4)).toMatch(/email address is empty/);
    expect(reason(5)).toMatch(/"Mars\/Olympus" is not a time zone/);
    expect(reason(8)).toMatch(/not valid CSV/);
  });

  it("maps known headers, keeps the rest as custom fields", async () => {
    const sink = memorySink();
    await importLeadsCsv(csv, { insertBatch: sink.insertBatch });
    expect(sink.rows.get("ada@example.test")).toEqual({
      email: "ada@example.test",
      firstName: "Ada",
      lastName: "Lovelace",
      company: "Engines",
      title: "CTO",
      timeZone: "Europe/London",
      customFields: { Industry: "computing", Team_Size: "12" },
    });
    expect(sink.rows.get("carol@example.test")?.lastName).toBe("Smith, Jr.");
  });

  it("follows an explicit column mapping, and says when the file has no email column", async () => {
    const sink = memorySink();
    const report = await importLeadsCsv("Contact,Name\nx@example.test,X\n", {
      mapping: { email: "Contact", firstName: "Name" },
      insertBatch: sink.insertBatch,
    });
    expect(report.imported).toBe(1);
    expect(sink.rows.get("x@example.test")?.firstName).toBe("X");
    const missing = await importLeadsCsv("Name,Phone\nX,1\n", { insertBatch: sink.insertBatch });
    expect(missing.fatal).toMatch(/No column holds the email address/);
    const wrong = await importLeadsCsv("Name\nX\n", { mapping: { email: "Mail" }, insertBatch: sink.insertBatch });
    expect(wrong.fatal).toMatch(/"Mail" chosen for email is not in the file/);
  });

  it("deduplicates across batches and against what is already stored", async () => {
    const sink = memorySink();
    await sink.insertBatch([
      {
        email: "old@example.test",
        firstName: null,
        lastName: null,
        company: null,
        title: null,
        timeZone: null,
        customFields: {},
      },
    ]);
    const rows = ["email", ...Array.from({ length: 25 }, (_, i) => `lead${i % 10}@example.test`), "old@example.test"];
    const report = await importLeadsCsv(rows.join("\n"), { insertBatch: sink.insertBatch, batchSize: 4 });
    expect(report).toMatchObject({ processed: 26, imported: 10, duplicates: 16, rejected: 0 });
  });

  it("streams a large file with bounded memory and reports progress", async () => {
    const total = 200_000;
    function* lines() {
      yield "email,first_name,company\n";
      for (let i = 0; i < total; i++) yield `lead${i}@example.test,Lead ${i},Company ${i % 500}\n`;
    }
    let stored = 0;
    const progress: number[] = [];
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const report = await importLeadsCsv(Readable.from(lines()), {
      batchSize: 1000,
      insertBatch: async (batch) => {
        stored += batch.length;
        peak = Math.max(peak, process.memoryUsage().heapUsed);
        return batch.length;
      },
      onProgress: (p) => progress.push(p.processed),
    });
    expect(report).toMatchObject({ processed: total, imported: total, rejected: 0 });
    expect(stored).toBe(total);
    expect(progress.length).toBe(total / 1000);
    // The file is ~10 MB of text and 200,000 parsed rows would take far more; the importer holds one batch.
    expect(peak - before).toBeLessThan(64 * 1024 * 1024);
  });
});
