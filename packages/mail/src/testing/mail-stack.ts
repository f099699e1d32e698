import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface MailStack {
  dir: string;
  host: string;
  domain: string;
  ports: { submission: number; submissions: number; imap: number; imaps: number; mx: number };
  caFile: string;
  ca: string;
  /** serverKeepsSentCopy: the server files submitted mail in Sent itself (everyone but dave). */
  users: { email: string; password: string; serverKeepsSentCopy: boolean }[];
}

const script = fileURLToPath(new URL("../../../../scripts/mail-stack.sh", import.meta.url));

export function readMailStack(dir: string): MailStack {
  const description = JSON.parse(readFileSync(path.join(dir, "stack.json"), "utf8")) as Omit<MailStack, "dir" | "ca">;
  return { ...description, dir, ca: readFileSync(description.caFile, "utf8") };
}

/**
 * The stack scripts/test.sh started (MAILSTACK_DIR), or a private one on `fallbackBase` when a package's tests run
 * on their own. Returns the stop function for a stack it started itself.
 */
export function useMailStack(fallbackBase: number): { dir: string; stop: () => void } {
  const shared = process.env.MAILSTACK_DIR;
  if (shared) return { dir: shared, stop: () => {} };
  const dir = mkdtempSync(path.join(tmpdir(), "mailflow-stack-"));
  execFileSync("bash", [script, "start", dir], {
    env: { ...process.env, MAILSTACK_BASE: String(fallbackBase) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return { dir, stop: () => execFileSync("bash", [script, "stop", dir], { stdio: ["ignore", "ignore", "inherit"] }) };
}
