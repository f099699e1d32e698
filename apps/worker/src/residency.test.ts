import type { Harness } from "@mailflow/api/testing";
import type { FreshDatabase } from "@mailflow/db/testing";
import { readMailStack } from "@mailflow/mail/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchCampaignThroughApi } from "./testing/campaign-fixture.ts";
import { closeWorkerTestbed, openWorkerTestbed, readMailbox, waitFor } from "./testing/index.ts";
import type { Worker } from "./worker.ts";

/**
 * One worker serving both regions: a campaign of an EU workspace and one of a US workspace, each in its region's own
 * database, are both sent by the same worker process; a data request of the EU workspace runs there too.
 */
const stack = readMailStack(inject("mailStackDir"));
const user = (name: string) => stack.users.find((u) => u.email.startsWith(`${name}@`))!;
const tag = Math.random().toString(36).slice(2, 8);

let bed: { database: FreshDatabase; h: Harness; worker: Worker; regionDatabases: FreshDatabase[] };

beforeAll(async () => {
  bed = await openWorkerTestbed(stack, {}, { regions: true });
}, 120_000);

afterAll(async () => {
  await closeWorkerTestbed(bed ?? {});
});

describe("a worker serves every region's database", () => {
  it("sends the campaigns of an EU and a US workspace, each from its own database", async () => {
    const { h, worker } = bed;
    const owner = await h.signUp("regions");
    const api = owner.as();
    const launch = async (region: "EU" | "US") => {
      const { id } = await api.workspaces.create({ name: `${region} office`, region });
      return launchCampaignThroughApi(h, api, id, {
        senders: [user(region === "EU" ? "alice" : "bob")],
        leadsCsv: `email\ncarol+${tag}-${region.toLowerCase()}@${stack.domain}\n`,
        steps: [{ delayMinutes: 0, variants: [{ subject: `Hello from the ${region} ${tag}`, body: "Hi." }] }],
      });
    };
    const eu = await launch("EU");
    const us = await launch("US");
    worker.start({ scheduler: false });
    await worker.tick(new Date());
    const regions = h.deps.regions;
    const sent = (region: "EU" | "US", campaignId: string) =>
      regions.of(region).message.count({ where: { campaignId, status: "SENT" } });
    await waitFor(
      "both regions' messages sent",
      async () => (await sent("EU", eu.campaignId)) === 1 && (await sent("US", us.campaignId)) === 1,
    );

    // Each message row is in its region's database only.
    for (const [region, fixture, other] of [
      ["EU", eu, "US"],
      ["US", us, "EU"],
    ] as const) {
      expect(await regions.of(other).message.count({ where: { campaignId: fixture.campaignId } })).toBe(0);
      expect(await regions.global.message.count({ where: { campaignId: fixture.campaignId } })).toBe(0);
      expect(await regions.of(region).campaign.count({ where: { id: fixture.campaignId } })).toBe(1);
    }
    const received = (await readMailbox(stack, user("carol"), "INBOX", { source: true }))
      .map((m) => m.source)
      .join("\n");
    expect(received).toContain(`Hello from the EU ${tag}`);
    expect(received).toContain(`Hello from the US ${tag}`);

    // A data request of the EU workspace: queued in the EU database, run by the same worker.
    const { id } = await api.privacy.exportSubject({
      workspaceId: eu.workspaceId,
      email: `carol+${tag}-eu@${stack.domain}`,
    });
    const done = await waitFor("the EU export", async () => {
      const row = await regions.of("EU").privacyRequest.findUnique({ where: { id } });
      return row?.status === "DONE" ? row : null;
    });
    expect(done.counts).toMatchObject({ leads: 1, messages: 1 });
    expect(await regions.global.privacyRequest.count({ where: { id } })).toBe(0);
  });
});
