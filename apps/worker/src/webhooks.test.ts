import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { codeOf, type Harness } from "@mailflow/api/testing";
import type { FreshDatabase } from "@mailflow/db/testing";
import { readMailStack } from "@mailflow/mail/testing";
import { ensureSelfSignedCertificate } from "@mailflow/server";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchCampaignThroughApi } from "./testing/campaign-fixture.ts";
import { closeWorkerTestbed, openWorkerTestbed, sendAs, testWorkerConfig, waitFor } from "./testing/index.ts";
import { createWorker, type Worker } from "./worker.ts";

/** Signed webhooks delivered by the worker to a real HTTPS receiver, with retries, a log, redelivery and rotation. */
const stack = readMailStack(inject("mailStackDir"));
const user = (name: string) => stack.users.find((u) => u.email.startsWith(`${name}@`))!;
const tag = Math.random().toString(36).slice(2, 8);

interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}
const received: Received[] = [];
/** Status codes the receiver answers with, in order, per path; then 200. */
const scripted = new Map<string, number[]>();

let receiver: Server;
let receiverUrl: string;
let certFile: string;
let database: FreshDatabase;
let h: Harness;
let worker: Worker;
let owner: Awaited<ReturnType<Harness["signUp"]>>;

beforeAll(async () => {
  const certs = await ensureSelfSignedCertificate(mkdtempSync(path.join(tmpdir(), "mf-webhook-receiver-")));
  certFile = certs.certFile;
  receiver = createServer({ cert: readFileSync(certs.certFile), key: readFileSync(certs.keyFile) }, (req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers as Record<string, string>, body });
      const queue = scripted.get(req.url ?? "") ?? [];
      res.statusCode = queue.shift() ?? 200;
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `https://localhost:${(receiver.address() as { port: number }).port}`;
  ({ database, h, worker } = await openWorkerTestbed(stack, {
    WEBHOOK_ALLOW_PRIVATE_HOSTS: "true",
    WEBHOOK_EXTRA_CA_FILE: certFile,
    WEBHOOK_RETRY_SCHEDULE: "1,1,1",
    WEBHOOK_DISABLE_AFTER_FAILURES: "3",
  }));
  owner = await h.signUp("hooks");
  worker.start({ scheduler: false });
}, 60_000);

afterAll(async () => {
  await closeWorkerTestbed({ database, h, worker });
  receiver?.close();
});

/** Requests received on a path for an event type, oldest first. */
const deliveredTo = (p: string, type: string) =>
  received.filter((r) => r.path === p && (JSON.parse(r.body) as { type: string }).type === type);

describe("webhooks", () => {
  let secret: string;
  let endpointId: string;

  it("refuses http:// and internal addresses unless self-hosting allows them (SSRF)", async () => {
    const api = owner.as();
    const workspaceId = owner.workspaceId;
    expect(
      await codeOf(api.webhooks.create({ workspaceId, url: "http://example.com/x", events: ["email.sent"] })),
    ).toBe("BAD_REQUEST");
    h.deps.webhookPolicy.allowPrivateHosts = false;
    try {
      for (const url of ["https://127.0.0.1/x", "https://169.254.169.254/latest", `${receiverUrl}/hook`]) {
        expect(await codeOf(api.webhooks.create({ workspaceId, url, events: ["email.sent"] })), url).toBe(
          "BAD_REQUEST",
        );
      }
    } finally {
      h.deps.webhookPolicy.allowPrivateHosts = true;
    }
  });

  it("delivers signed events for a campaign's life: launched, sent, replied; retries a 500", async () => {
    const api = owner.as();
    const workspaceId = owner.workspaceId;
    const created = await api.webhooks.create({
      workspaceId,
      url: `${receiverUrl}/hook`,
      events: ["campaign.launched", "email.sent", "email.replied"],
    });
    secret = created.secret;
    endpointId = created.id;
    expect(secret).toMatch(/^whsec_/);
    expect(JSON.stringify(await api.webhooks.list({ workspaceId }))).not.toContain(secret.slice(6, 20));
    scripted.set("/hook", [500]);

    const leadEmail = `carol+${tag}-hook@${stack.domain}`;
    const fixture = await launchCampaignThroughApi(h, api, workspaceId, {
      senders: [user("alice")],
      leadsCsv: `email\n${leadEmail}\n`,
      steps: [{ delayMinutes: 0, variants: [{ subject: "Hooked", body: "Hi" }] }],
    });
    const launched = await waitFor("campaign.launched after a retry", async () => {
      const got = deliveredTo("/hook", "campaign.launched");
      return got.length >= 2 ? got : null;
    });
    // The first attempt got a 500; the retry (same webhook-id) succeeded.
    expect(launched[0]!.headers["webhook-id"]).toBe(launched[1]!.headers["webhook-id"]);
    for (const delivery of launched) {
      expect(() => new Webhook(secret).verify(delivery.body, delivery.headers)).not.toThrow();
      expect(delivery.headers["x-mailflow-signature"]).toBe(delivery.headers["webhook-signature"]);
    }
    expect(JSON.parse(launched[1]!.body)).toMatchObject({
      type: "campaign.launched",
      data: { campaignId: fixture.campaignId, leads: 1 },
    });

    await worker.tick();
    const sent = await waitFor("email.sent", async () => deliveredTo("/hook", "email.sent")[0]);
    const sentEvent = JSON.parse(sent.body) as { data: { rfcMessageId: string; to: string } };
    expect(sentEvent.data.to).toBe(leadEmail);

    await sendAs(stack, user("carol"), {
      from: leadEmail,
      to: user("alice").email,
      subject: "Re: Hooked",
      text: "Yes, let's talk.",
      inReplyTo: sentEvent.data.rfcMessageId,
    });
    const replied = await waitFor(
      "email.replied",
      async () => {
        await worker.syncInboxes();
        return deliveredTo("/hook", "email.replied")[0];
      },
      30_000,
    );
    expect(() => new Webhook(secret).verify(replied.body, replied.headers)).not.toThrow();
    expect(JSON.parse(replied.body)).toMatchObject({
      type: "email.replied",
      data: { to: leadEmail, unsubscribe: false },
    });

    // A restarted worker reads nothing twice, so nothing is emitted twice.
    const restarted = await createWorker(testWorkerConfig(database.url, stack), { maxConnections: 2 });
    try {
      await restarted.syncInboxes();
    } finally {
      await restarted.stop();
    }
    expect(await h.db.webhookDelivery.count({ where: { endpointId, eventType: "email.replied" } })).toBe(1);
  });

  it("keeps a delivery log with status codes and times, and redelivers with the same webhook-id", async () => {
    const api = owner.as();
    const workspaceId = owner.workspaceId;
    const log = await api.webhooks.deliveries({ workspaceId, endpointId });
    const launched = log.items.find((d) => d.eventType === "campaign.launched")!;
    expect(launched).toMatchObject({ status: "SUCCEEDED", attempts: 2, lastStatus: 200 });
    expect(launched.log.map((a) => a.statusCode)).toEqual([500, 200]);
    expect(launched.log.every((a) => a.durationMs >= 0)).toBe(true);
    const before = received.length;
    await api.webhooks.redeliver({ workspaceId, deliveryId: launched.id });
    const again = await waitFor("the redelivery", async () => received.slice(before).find((r) => r.path === "/hook"));
    expect(again.headers["webhook-id"]).toBe(launched.eventId);
  });

  it("signs with both secrets during a rotation's overlap", async () => {
    const api = owner.as();
    const workspaceId = owner.workspaceId;
    const rotated = await api.webhooks.rotateSecret({ workspaceId, endpointId, overlapHours: 24 });
    expect(rotated.secret).not.toBe(secret);
    const log = await api.webhooks.deliveries({ workspaceId, endpointId });
    const before = received.length;
    await api.webhooks.redeliver({ workspaceId, deliveryId: log.items[0]!.id });
    const delivery = await waitFor("a delivery after rotation", async () =>
      received.slice(before).find((r) => r.path === "/hook"),
    );
    expect(delivery.headers["webhook-signature"]?.split(" ")).toHaveLength(2);
    expect(() => new Webhook(rotated.secret).verify(delivery.body, delivery.headers)).not.toThrow();
    expect(() => new Webhook(secret).verify(delivery.body, delivery.headers)).not.toThrow();
  });

  it("disables an endpoint after repeated failures, saying why", async () => {
    const api = owner.as();
    const workspaceId = owner.workspaceId;
    scripted.set("/broken", [503, 503, 503, 503, 503, 503]);
    const broken = await api.webhooks.create({ workspaceId, url: `${receiverUrl}/broken`, events: ["inbox.paused"] });
    const inbox = (await api.inboxes.list({ workspaceId })).items[0]!;
    await api.inboxes.pause({ workspaceId, inboxId: inbox.id });
    const disabled = await waitFor(
      "the endpoint to be disabled",
      async () => {
        const row = (await api.webhooks.list({ workspaceId })).find((e) => e.id === broken.id)!;
        return row.enabled ? null : row;
      },
      30_000,
    );
    expect(disabled.disabledReason).toMatch(/^Disabled after 3 failed deliveries in a row \(last: HTTP 503\)/);
    expect(received.filter((r) => r.path === "/broken")).toHaveLength(3);
  });
});
