import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "./index.ts";
import { createFreshDatabase, type FreshDatabase } from "./testing/index.ts";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const prismaCli = fileURLToPath(new URL("../node_modules/prisma/build/index.js", import.meta.url));

describe("migrations through the offline schema engine", () => {
  let fresh: FreshDatabase;
  let db: Db;

  beforeAll(async () => {
    fresh = await createFreshDatabase("mailflow_migrations");
    db = createDb(fresh.url);
  }, 60_000);
  afterAll(async () => {
    await db?.$disconnect();
    await fresh?.drop();
  });

  it("reports the schema up to date after migrate deploy", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [prismaCli, "migrate", "status"], {
      cwd: packageDir,
      env: { ...process.env, DATABASE_URL: fresh.url },
    });
    expect(stdout).toContain("Database schema is up to date");
  });

  it("finds no drift between schema.prisma and the migration files", async () => {
    const result = await promisify(execFile)(
      process.execPath,
      [
        prismaCli,
        "migrate",
        "diff",
        "--from-config-datasource",
        "--to-schema",
        "../../prisma/schema.prisma",
        "--exit-code",
      ],
      { cwd: packageDir, env: { ...process.env, DATABASE_URL: fresh.url } },
    ).then(
      () => 0,
      (error: { code?: number }) => error.code ?? -1,
    );
    expect(result).toBe(0);
  });

  it("serves queries through the pg adapter", async () => {
    const user = await db.user.create({ data: { email: "m@example.test", name: "M", passwordHash: "x" } });
    expect(await db.user.count({ where: { id: user.id } })).toBe(1);
  });
});
