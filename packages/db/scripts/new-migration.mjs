#!/usr/bin/env node
// Writes a new migration by a real Prisma diff: `pnpm --filter @mailflow/db migrate:new <name>`.
// It applies the existing migrations to a throwaway database (`prisma migrate deploy`), then asks Prisma for the SQL
// that takes that database to prisma/schema.prisma (`prisma migrate diff --from-config-datasource --to-schema`).
// (`migrate dev --create-only` would do the same, but the WebAssembly schema engine refuses its shadow database in
// EvaluateDataLoss: "PostgreSQL shadow DB must be provided through an external factory".)
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: migrate:new <snake_case_name>");
  process.exit(2);
}
const packageDir = fileURLToPath(new URL("..", import.meta.url));
const migrationsDir = path.resolve(packageDir, "../../prisma/migrations");
const server = process.env.MIGRATION_SERVER_URL ?? "postgresql://postgres@127.0.0.1:5432";
const scratch = `mailflow_migrate_${process.pid}`;
const admin = new pg.Client({ connectionString: `${server}/postgres` });
await admin.connect();
await admin.query(`CREATE DATABASE "${scratch}"`);
try {
  const env = { ...process.env, DATABASE_URL: `${server}/${scratch}` };
  const prisma = (...args) =>
    execFileSync("pnpm", ["exec", "prisma", ...args], { cwd: packageDir, env, encoding: "utf8" });
  prisma("migrate", "deploy");
  const sql = prisma(
    "migrate",
    "diff",
    "--from-config-datasource",
    "--to-schema",
    "../../prisma/schema.prisma",
    "--script",
  );
  if (!/^\s*(CREATE|ALTER|DROP)/m.test(sql)) {
    console.log("schema.prisma matches the migrations: nothing to write");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(migrationsDir, `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), sql);
    console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
  }
} finally {
  await admin.query(`DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`);
  await admin.end();
}
