import { type AuditAction, auditActions } from "@mailflow/audit";
import { afterAll, describe, expect, it } from "vitest";
import { codeOf, createHarness, GOOD_PASSWORD } from "./testing/harness.ts";

/**
 * Drives one workspace through every action the API can take, then checks that each catalogued action was
 * written with its actor and the caller's IP. Actions recorded by operator commands are covered in apps/cli.
 */
const h = createHarness();
afterAll(() => h.close());

/**
 * Recorded by operator commands (apps/cli), by the public unsubscribe endpoint (apps/server tests), and on a
 * manual reply, which needs a reply received over IMAP first (apps/worker inbound.test.ts). Granting the platform
 * operator role is a CLI command too (apps/cli); the operator's own actions are driven here.
 */
const recordedOutsideTheApi: AuditAction[] = [
  "admin.vault_rotated",
  "admin.restored",
  "admin.global_suppression_added",
  // Written by Google sign-in (an HTTP route, not a procedure): apps/server/src/google-sign-in.test.ts.
  "auth.google_linked",
  "admin.granted",
  "admin.revoked",
  "lead.unsubscribed",
  "reply.sent",
  // Written by the worker when a data request has run, and on downloading its file: apps/worker/src/privacy.test.ts.
  "privacy.exported",
  "privacy.erased",
  "privacy.downloaded",
  "account.deleted",
];

describe("audit coverage", () => {
  it("writes every catalogued action with actor, IP and user agent", async () => {
    const ip = "198.51.100.23";
    const owner = await h.signUp("coverage", ip);
    const as = () => h.call({ bearer: owner.token, ip });
    const workspaceId = owner.workspaceId;
    // The owner doubles as a platform operator (granted from the CLI in real life) for the admin.* actions.
    await h.db.user.update({ where: { id: owner.user.id }, data: { platformAdmin: true } });
    await as().admin.setPlan({ workspaceId, plan: "SCALE" });
    await as().admin.setRegion({ workspaceId, region: "EU" });
    await codeOf(h.call({ ip }).auth.logIn({ email: owner.email, password: "Wrong-password-1" }));
    const login = await h.call({ ip }).auth.logIn({ email: owner.email, password: GOOD_PASSWORD, transport: "bearer" });
    await as().workspaces.rename({ workspaceId, name: "Coverage" });
    await as().workspaces.updateSenderIdentity({
      workspaceId,
      companyName: "Co",
      postalAddress: "1 Main St, Springfield",
    });
    const friend = await h.signUp("coverage-friend", ip);
    const { token } = await as().members.invite({ workspaceId, email: friend.email });
    await h.call({ bearer: friend.token, ip }).members.accept({ token });
    await as().members.changeRole({ workspaceId, userId: friend.user.id, role: "ADMIN" });
    await as().members.remove({ workspaceId, userId: friend.user.id });
    const key = await as().apiKeys.create({ workspaceId, name: "k" });
    await as().apiKeys.revoke({ workspaceId, apiKeyId: key.id });
    const user = h.mailStack.users[0]!;
    const inboxId = (await h.connectStackInbox(as(), workspaceId, user)).id;
    await as().inboxes.updateSettings({ workspaceId, inboxId, dailyLimit: 50 });
    await as().inboxes.test({ workspaceId, inboxId });
    await as().inboxes.pause({ workspaceId, inboxId });
    await as().inboxes.resume({ workspaceId, inboxId });
    await as().suppression.add({ workspaceId, entries: ["gone@example.test"] });
    const [entry] = (await as().suppression.list({ workspaceId })).items;
    await as().suppression.remove({ workspaceId, suppressionId: entry!.id });
    const list = await as().leads.createList({ workspaceId, name: "Coverage leads" });
    await as().leads.importCsv({ workspaceId, listId: list.id, csv: "email\nlead@example.test\n" });
    await as().leads.export({ workspaceId, listId: list.id });
    await as().audit.export({ workspaceId, action: "leads." });
    const campaign = await as().campaigns.create({ workspaceId, name: "Coverage campaign" });
    await as().campaigns.update({ workspaceId, campaignId: campaign.id, dailyCap: 50 });
    await as().campaigns.setSteps({
      workspaceId,
      campaignId: campaign.id,
      steps: [{ delayMinutes: 0, variants: [{ subject: "Hi", body: "Hello {{firstName|there}}" }] }],
    });
    await as().campaigns.setInboxes({ workspaceId, campaignId: campaign.id, inboxIds: [inboxId] });
    await as().campaigns.addLeads({ workspaceId, campaignId: campaign.id, listId: list.id });
    await as().campaigns.launch({ workspaceId, campaignId: campaign.id });
    await as().campaigns.pause({ workspaceId, campaignId: campaign.id });
    await as().campaigns.resume({ workspaceId, campaignId: campaign.id });
    const hook = await as().webhooks.create({ workspaceId, url: "https://127.0.0.1:9/hook", events: ["email.sent"] });
    await as().webhooks.update({ workspaceId, endpointId: hook.id, events: ["email.sent", "email.replied"] });
    await as().webhooks.rotateSecret({ workspaceId, endpointId: hook.id });
    const [launchedEvent] = await h.db.webhookDelivery.findMany({ where: { endpointId: hook.id } });
    const delivery =
      launchedEvent ??
      (await h.db.webhookDelivery.create({
        data: {
          workspaceId,
          endpointId: hook.id,
          eventId: "msg_cov",
          eventType: "email.sent",
          payload: {},
          status: "FAILED",
        },
      }));
    await as().webhooks.redeliver({ workspaceId, deliveryId: delivery.id });
    await as().webhooks.remove({ workspaceId, endpointId: hook.id });
    await as().inboxes.remove({ workspaceId, inboxId });
    await as().privacy.exportSubject({ workspaceId, email: "someone@example.org" });
    await as().auth.changePassword({
      currentPassword: GOOD_PASSWORD,
      newPassword: "amber-Quarry-88-thimble",
      transport: "bearer",
    });
    const fresh = await h.call({ ip }).auth.logIn({
      email: owner.email,
      password: "amber-Quarry-88-thimble",
      transport: "bearer",
    });
    await h.call({ bearer: fresh.token!, ip }).auth.logOut();
    await h
      .call({ bearer: login.token!, ip })
      .auth.me()
      .catch(() => undefined);
    const again = await h
      .call({ ip })
      .auth.logIn({ email: owner.email, password: "amber-Quarry-88-thimble", transport: "bearer" });
    await h.call({ bearer: again.token!, ip }).auth.logOutEverywhere();

    const events = await h.db.auditEvent.findMany({
      where: { OR: [{ workspaceId }, { actorId: { in: [owner.user.id, friend.user.id] } }] },
    });
    const seen = new Map(events.map((e) => [e.action, e]));
    for (const action of auditActions.filter((a) => !recordedOutsideTheApi.includes(a))) {
      const event = seen.get(action);
      expect(event, `no "${action}" event was written`).toBeDefined();
      expect(event!.ip, `"${action}" has no IP`).toBe(ip);
      expect(event!.userAgent).toBe("vitest");
      if (action !== "auth.login_failed") expect(event!.actorId, `"${action}" has no actor`).toBeTruthy();
    }
    expect(JSON.stringify(events.map((e) => e.metadata))).not.toMatch(new RegExp(`${user.password}|${GOOD_PASSWORD}`));
  });
});
