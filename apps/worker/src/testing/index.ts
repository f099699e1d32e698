import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createHarness, type Harness, TEST_SECRETS, TEST_VAULT_KEY } from "@mailflow/api/testing";
import { loadWorkerConfig, type WorkerConfig } from "@mailflow/config";
import { cloneDatabase, type FreshDatabase } from "@mailflow/db/testing";
import type { MailStack } from "@mailflow/mail/testing";
import { ImapFlow } from "imapflow";
import nodemailer from "nodemailer";
import { inject } from "vitest";
import { createWorker, type Worker } from "../worker.ts";

export const TEST_PUBLIC_URL = "https://mailflow.test";

/** The worker's environment for tests: the harness's secrets and vault key, the stack's CA, short delays. */
export function testWorkerEnv(databaseUrl: string, stack: MailStack, overrides: Record<string, string> = {}) {
  const caFile = path.join(tmpdir(), `mailflow-stack-ca-${process.pid}.pem`);
  writeFileSync(caFile, stack.ca);
  return {
    DATABASE_URL: databaseUrl,
    UNSUBSCRIBE_SECRET: TEST_SECRETS.UNSUBSCRIBE_SECRET,
    PUBLIC_URL: TEST_PUBLIC_URL,
    VAULT_KEYS: JSON.stringify({ current: "test1", keys: { test1: TEST_VAULT_KEY } }),
    MAIL_ALLOW_PRIVATE_HOSTS: "true",
    MAIL_EXTRA_CA_FILE: caFile,
    MAIL_TIMEOUT_MS: "10000",
    SCHEDULER_INTERVAL_MS: "250",
    SEND_RETRY_BASE_SECONDS: "1",
    RECOVERY_SETTLE_SECONDS: "3",
    JOB_POLL_MS: "100",
    ...overrides,
  };
}

export function testWorkerConfig(databaseUrl: string, stack: MailStack, overrides: Record<string, string> = {}) {
  return loadWorkerConfig(testWorkerEnv(databaseUrl, stack, overrides)) satisfies WorkerConfig;
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every message in a stack mailbox's folder, by Message-ID, with its raw source (for header checks). */
export async function readMailbox(
  stack: MailStack,
  user: { email: string; password: string },
  folder = "INBOX",
  options: { source?: boolean } = {},
): Promise<{ messageId: string; source: string }[]> {
  const client = new ImapFlow({
    host: stack.host,
    port: stack.ports.imaps,
    secure: true,
    auth: { user: user.email, pass: user.password },
    tls: { ca: stack.ca, servername: `mail.${stack.domain}` },
    logger: false,
  });
  await client.connect();
  try {
    const lock = await client.getMailboxLock(folder, { readOnly: true });
    try {
      const out: { messageId: string; source: string }[] = [];
      for await (const message of client.fetch("1:*", { envelope: true, source: options.source ?? true })) {
        out.push({ messageId: message.envelope?.messageId ?? "", source: message.source?.toString("utf8") ?? "" });
      }
      return out;
    } catch (error) {
      // An empty mailbox: "1:*" matches nothing.
      if (String(error).includes("Invalid messageset")) return [];
      throw error;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

const script = fileURLToPath(new URL("../../../../scripts/mail-stack.sh", import.meta.url));

/** Makes the stack answer RCPT TO:<address> with 451 (on) or accept it again (off). */
export function setDeferral(stack: MailStack, address: string, on: boolean) {
  execFileSync("bash", [script, on ? "defer" : "undefer", stack.dir, address], { stdio: "ignore" });
}
export { type CampaignFixture, launchCampaignThroughApi } from "./campaign-fixture.ts";

/** Sends a message as a stack user over submission (STARTTLS), as a lead's own mail client would. */
export async function sendAs(
  stack: MailStack,
  user: { email: string; password: string },
  message: {
    from?: string;
    to: string;
    subject: string;
    text: string;
    inReplyTo?: string;
    headers?: Record<string, string>;
  },
): Promise<void> {
  const transport = nodemailer.createTransport({
    host: stack.host,
    port: stack.ports.submission,
    requireTLS: true,
    auth: { user: user.email, pass: user.password },
    tls: { ca: stack.ca, servername: `mail.${stack.domain}` },
  });
  try {
    await transport.sendMail({
      from: message.from ?? user.email,
      to: message.to,
      subject: message.subject,
      text: message.text,
      ...(message.inReplyTo ? { inReplyTo: message.inReplyTo, references: [message.inReplyTo] } : {}),
      ...(message.headers ? { headers: message.headers } : {}),
    });
  } finally {
    transport.close();
  }
}

/**
 * What every worker test file runs on: a database of its own (cloned from the migrated template, since a worker acts
 * on every job in its database), the API harness on it, and a worker (not started) with the test configuration.
 */
export async function openWorkerTestbed(
  stack: MailStack,
  env: Record<string, string> = {},
  options: { regions?: boolean } = {},
): Promise<{ database: FreshDatabase; h: Harness; worker: Worker; regionDatabases: FreshDatabase[] }> {
  const database = await cloneDatabase(inject("databaseUrl"));
  // Data residency: a database of its own for each region, beside the global one.
  const regionDatabases = options.regions
    ? await Promise.all([cloneDatabase(inject("databaseUrl")), cloneDatabase(inject("databaseUrl"))])
    : [];
  const regionUrls = options.regions ? { EU: regionDatabases[0]!.url, US: regionDatabases[1]!.url } : undefined;
  const h = createHarness({}, { databaseUrl: database.url, ...(regionUrls ? { regionUrls } : {}) });
  const worker = await createWorker(
    testWorkerConfig(database.url, stack, {
      ...env,
      ...(regionUrls ? { DATABASE_URL_EU: regionUrls.EU, DATABASE_URL_US: regionUrls.US } : {}),
    }),
    { maxConnections: 4 },
  );
  return { database, h, worker, regionDatabases };
}

/** Stops what openWorkerTestbed opened (any part may be missing if set-up failed half-way). */
export async function closeWorkerTestbed(bed: {
  database?: FreshDatabase;
  h?: Harness;
  worker?: Worker;
  regionDatabases?: FreshDatabase[];
}) {
  await bed.worker?.stop();
  await bed.h?.close();
  await bed.database?.drop();
  for (const region of bed.regionDatabases ?? []) await region.drop();
}
