import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createHarness, type Harness } from "@mailflow/api/testing";
import { cloneDatabase, type FreshDatabase } from "@mailflow/db/testing";
import { readMailStack } from "@mailflow/mail/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchCampaignThroughApi } from "./testing/campaign-fixture.ts";
import { readMailbox, testWorkerEnv, waitFor } from "./testing/index.ts";

/**
 * Never lose, never double-send: two worker processes send a campaign while one of them is SIGKILLed at random
 * moments (mid-tick, mid-SMTP, between the server's 250 and our commit), and a replacement starts each time.
 * Afterwards every Message-ID must be in the recipient's mailbox exactly once.
 */
const MESSAGES = Number(process.env.CRASH_TEST_MESSAGES ?? 2000);
const KILLS = Number(process.env.CRASH_TEST_KILLS ?? 12);

const stack = readMailStack(inject("mailStackDir"));
const user = (name: string) => stack.users.find((u) => u.email.startsWith(`${name}@`))!;
const tag = Math.random().toString(36).slice(2, 8);
const workerDir = fileURLToPath(new URL("..", import.meta.url));

let database: FreshDatabase;
let h: Harness;
let campaignId: string;
const children = new Set<ChildProcess>();
const output: string[] = [];

beforeAll(async () => {
  database = await cloneDatabase(inject("databaseUrl"));
  h = createHarness({}, { databaseUrl: database.url });
  const owner = await h.signUp("crash");
  const leads = Array.from({ length: MESSAGES }, (_, i) => `dave+${tag}-${String(i).padStart(5, "0")}@${stack.domain}`);
  ({ campaignId } = await launchCampaignThroughApi(h, owner.as(), owner.workspaceId, {
    senders: [user("alice"), user("bob"), user("carol")],
    leadsCsv: `email\n${leads.join("\n")}\n`,
    steps: [{ delayMinutes: 0, variants: [{ subject: "Crash test {{email}}", body: "Exactly once, please." }] }],
  }));
}, 180_000);

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await h?.close();
  await database?.drop();
});

function startWorker(): Promise<ChildProcess> {
  const env = { ...process.env, ...testWorkerEnv(database.url, stack, { RECOVERY_SETTLE_SECONDS: "5" }) };
  const child = spawn(process.execPath, ["--import", "tsx", "src/testing/worker-process.ts"], {
    cwd: workerDir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  return new Promise((resolve, reject) => {
    let buffer = "";
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      output.push(...lines);
      if (lines.some((l) => l.includes("MailFlow worker running"))) resolve(child);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => output.push(...chunk.toString().split("\n").filter(Boolean)));
    child.once("exit", (code) => reject(new Error(`worker exited early (${code}): ${output.slice(-5).join(" | ")}`)));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const countByStatus = async () =>
  Object.fromEntries(
    (await h.db.message.groupBy({ by: ["status"], where: { campaignId }, _count: true })).map((g) => [
      g.status,
      g._count,
    ]),
  ) as Record<string, number>;

describe("crash safety", () => {
  it(`sends ${MESSAGES} messages exactly once while workers are SIGKILLed ${KILLS} times`, async () => {
    const started = Date.now();
    const live = [await startWorker(), await startWorker()];
    let kills = 0;
    while (kills < KILLS) {
      await sleep(300 + Math.random() * 2500);
      const victim = live.splice(Math.floor(Math.random() * live.length), 1)[0]!;
      victim.kill("SIGKILL");
      kills++;
      live.push(await startWorker());
      const counts = await countByStatus();
      if ((counts.SENT ?? 0) >= MESSAGES && kills < KILLS) {
        throw new Error(`all sent after ${kills} kills: raise CRASH_TEST_MESSAGES or lower the pause between kills`);
      }
    }
    const done = await waitFor(
      "every message to be sent",
      async () => {
        const counts = await countByStatus();
        return (counts.SENT ?? 0) + (counts.FAILED ?? 0) === MESSAGES && !counts.QUEUED && !counts.SENDING
          ? counts
          : null;
      },
      600_000,
    );
    const seconds = (Date.now() - started) / 1000;
    for (const child of live) child.kill("SIGTERM");

    expect(done).toEqual({ SENT: MESSAGES });
    const messages = await h.db.message.findMany({
      where: { campaignId },
      select: { messageId: true, attempts: true, recovered: true },
    });
    expect(new Set(messages.map((m) => m.messageId)).size).toBe(MESSAGES);
    const wanted = new Set(messages.map((m) => m.messageId));
    const mailbox = await waitFor(
      "every message in dave's mailbox",
      async () => {
        const received = (await readMailbox(stack, user("dave"), "INBOX", { source: false })).filter((m) =>
          wanted.has(m.messageId),
        );
        return new Set(received.map((m) => m.messageId)).size === MESSAGES ? received : null;
      },
      120_000,
    );
    const copies = new Map<string, number>();
    for (const m of mailbox) copies.set(m.messageId, (copies.get(m.messageId) ?? 0) + 1);
    const duplicates = [...copies.values()].filter((n) => n > 1).length;
    const figures = {
      messages: MESSAGES,
      kills,
      seconds: Math.round(seconds),
      delivered: copies.size,
      duplicates,
      lost: MESSAGES - copies.size,
      recoveredFromSent: messages.filter((m) => m.recovered).length,
      sentAgainAfterCrash: messages.filter((m) => m.attempts > 1 && !m.recovered).length,
    };
    console.log(`crash test: ${JSON.stringify(figures)}`);
    expect(duplicates).toBe(0);
    expect(copies.size).toBe(MESSAGES);
    expect(mailbox).toHaveLength(MESSAGES);
    expect(await h.db.campaignLead.count({ where: { campaignId, status: "COMPLETED" } })).toBe(MESSAGES);
  }, 900_000);
});
