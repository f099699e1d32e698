import { execFile } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createDb } from "@mailflow/db";
import { insertInboxRow } from "@mailflow/db/testing";
import { describe, expect, inject, it } from "vitest";

const serverDir = fileURLToPath(new URL("..", import.meta.url));
const tsx = fileURLToPath(new URL("../node_modules/.bin/tsx", import.meta.url));

/** Runs the real entry point with exactly `env` (plus PATH) and reports how it ended. */
async function runMain(env: Record<string, string>) {
  try {
    await promisify(execFile)(tsx, ["src/main.ts"], {
      cwd: serverDir,
      env: { PATH: process.env.PATH!, ...env },
      timeout: 20_000,
    });
    return { code: 0, stderr: "" };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

const vaultKeys = (id: string) => JSON.stringify({ current: id, keys: { [id]: randomBytes(32).toString("base64") } });

const complete = () => ({
  DATABASE_URL: inject("databaseUrl"),
  JWT_SECRET: "startup-Test-Jwt-Secr3t-9753108642-qwerty",
  PASSWORD_PEPPER: "startup-Test-Pepp3r-8642097531-zyxwvuts",
  UNSUBSCRIBE_SECRET: "startup-Test-Unsub-5317908642-plmoknijb",
  TLS_CERT_FILE: inject("certFile"),
  TLS_KEY_FILE: inject("keyFile"),
  PUBLIC_URL: "https://localhost:8443",
  VAULT_KEYS: vaultKeys("k1"),
});

describe("the server refuses to start with a bad configuration", () => {
  it("names a missing secret and exits with EX_CONFIG", async () => {
    const { JWT_SECRET: _omitted, ...env } = complete();
    const result = await runMain(env);
    expect(result.code).toBe(78);
    expect(result.stderr).toContain("JWT_SECRET");
  });

  it("names a weak secret without printing it", async () => {
    const result = await runMain({ ...complete(), PASSWORD_PEPPER: "hunter2hunter2" });
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(/PASSWORD_PEPPER: must be at least 32 characters/);
    expect(result.stderr).not.toContain("hunter2hunter2");
  });
});

describe("the server refuses to start without the keys its data needs", () => {
  it("says which vault key a stored credential needs", async () => {
    const db = createDb(inject("databaseUrl"));
    const workspace = await db.workspace.create({ data: { name: "keys" } });
    const id = randomUUID();
    await insertInboxRow(db, {
      id,
      workspaceId: workspace.id,
      email: "sealed@example.test",
      passwordSealed: "v1.retired2025.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA",
    });
    try {
      const result = await runMain(complete());
      expect(result.code).toBe(78);
      expect(result.stderr).toMatch(/vault key\(s\) "retired2025"/);
    } finally {
      await db.inbox.delete({ where: { id } });
      await db.$disconnect();
    }
  });

  it("names a missing key ring", async () => {
    const { VAULT_KEYS: _omitted, ...env } = complete();
    const result = await runMain(env);
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(/VAULT_KEYS_FILE: set exactly one of VAULT_KEYS or VAULT_KEYS_FILE/);
  });
});
