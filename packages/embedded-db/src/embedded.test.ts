import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runMigrations } from "@mailflow/db";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./index.ts";

const dir = mkdtempSync(path.join(tmpdir(), "mailflow-pglite-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe("embedded PostgreSQL", () => {
  it("applies the repo's migrations with prisma migrate deploy and keeps data across restarts", async () => {
    const first = await startEmbeddedPostgres(dir);
    try {
      await runMigrations(first.url);
      await query(
        first.url,
        `INSERT INTO "Workspace" (id, name, "updatedAt") VALUES (gen_random_uuid(), 'kept', now())`,
      );
    } finally {
      await first.stop();
    }
    const second = await startEmbeddedPostgres(dir);
    try {
      expect(await runMigrations(second.url)).toMatch(/No pending migrations/);
      const rows = await query<{ name: string }>(second.url, `SELECT name FROM "Workspace"`);
      expect(rows).toEqual([{ name: "kept" }]);
    } finally {
      await second.stop();
    }
  }, 120_000);
});

describe("several connections to the one embedded backend", () => {
  it("runs their parameterized queries at once without mixing up their statements", async () => {
    const embedded = await startEmbeddedPostgres(mkdtempSync(path.join(tmpdir(), "mailflow-pglite-many-")));
    const pools = [0, 1, 2].map(() => new pg.Pool({ connectionString: embedded.url, max: 3 }));
    try {
      // Different parameter counts on purpose: an interleaved Bind would fail with "bind message supplies ...".
      const results = await Promise.all(
        Array.from({ length: 300 }, (_, i) => {
          const pool = pools[i % pools.length]!;
          return i % 2
            ? pool.query<{ v: number }>("SELECT $1::int + $2::int AS v", [i, 1000]).then((r) => r.rows[0]!.v - 1000)
            : pool.query<{ v: number }>("SELECT $1::int AS v", [i]).then((r) => r.rows[0]!.v);
        }),
      );
      expect(results).toEqual(Array.from({ length: 300 }, (_, i) => i));
    } finally {
      await Promise.all(pools.map((p) => p.end()));
      await embedded.stop();
    }
  });
});
