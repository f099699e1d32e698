import type { Harness } from "@mailflow/api/testing";
import type { FreshDatabase } from "@mailflow/db/testing";
import { readMailStack } from "@mailflow/mail/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchCampaignThroughApi } from "./testing/campaign-fixture.ts";
import { closeWorkerTestbed, openWorkerTestbed, sendAs, waitFor } from "./testing/index.ts";
import type { Worker } from "./worker.ts";

/** With IMAP IDLE a reply stops the sequence within seconds, long before the next poll (10 minutes here). */
const stack = readMailStack(inject("mailStackDir"));
const user = (name: string) => stack.users.find((u) => u.email.startsWith(`${name}@`))!;
const leadEmail = `carol+${Math.random().toString(36).slice(2, 8)}-idle@${stack.domain}`;

let database: FreshDatabase;
let h: Harness;
let worker: Worker;

beforeAll(async () => {
  ({ database, h, worker } = await openWorkerTestbed(stack, { IMAP_SYNC_INTERVAL_MS: "600000" }));
}, 60_000);

afterAll(async () => {
  await closeWorkerTestbed({ database, h, worker });
});

describe("IMAP IDLE", () => {
  it("sees a reply the moment it arrives and stops the lead's sequence", async () => {
    const owner = await h.signUp("idle");
    const { campaignId } = await launchCampaignThroughApi(h, owner.as(), owner.workspaceId, {
      senders: [user("alice")],
      leadsCsv: `email\n${leadEmail}\n`,
      steps: [
        { delayMinutes: 0, variants: [{ subject: "Idle test", body: "Hi" }] },
        { delayMinutes: 60, variants: [{ subject: "Re: Idle test", body: "Again" }] },
      ],
    });
    worker.start({ scheduler: false });
    await worker.tick();
    const sent = await waitFor("step 1 sent", async () =>
      h.db.message.findFirst({ where: { campaignId, status: "SENT" } }),
    );
    // Nothing has been read from this inbox yet; the first IDLE pass sets its cursor.
    await worker.syncInboxes();
    expect(await worker.watchIdle()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = Date.now();
    await sendAs(stack, user("carol"), {
      from: leadEmail,
      to: user("alice").email,
      subject: "Re: Idle test",
      text: "Yes!",
      inReplyTo: sent.messageId,
    });
    const lead = await waitFor(
      "the lead to be marked replied",
      async () => {
        const row = await h.db.campaignLead.findFirstOrThrow({ where: { campaignId } });
        return row.status === "REPLIED" ? row : null;
      },
      15_000,
    );
    expect(lead.nextSendAt).toBeNull();
    console.log(`IDLE: reply applied ${Date.now() - before} ms after it was sent`);
  });
});
