#!/usr/bin/env node
// Writes a new migration by a real Prisma diff: `pnpm --filter @mailflow/db migrate:new <name>`.
// It replays the existing migrations into a throwaway database, diffs it against prisma/schema.prisma
// (`prisma migrate dev --create-only`, with a shadow database) and drops the throwaway database again.
import { execFileSync } from "node:child_process";
import pg from "pg";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: migrate:new <snake_case_name>");
  process.exit(2);
}
const server = process.env.MIGRATION_SERVER_URL ?? "postgresql://postgres@127.0.0.1:5432";
const scratch = `mailflow_migrate_${process.pid}`;
const admin = new pg.Client({ connectionString: `${server}/postgres` });
await admin.connect();
await admin.query(`CREATE DATABASE "${scratch}"`);
try {
  execFileSync("pnpm", ["exec", "prisma", "migrate", "dev", "--create-only", "--name", name], {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: `${server}/${scratch}` },
  });
} finally {
  await admin.query(`DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`);
  await admin.end();
}
