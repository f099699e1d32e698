import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "./root.ts";
import { codeOf, createHarness, type Harness } from "./testing/harness.ts";
import type { ProcedureMeta } from "./trpc.ts";

/**
 * Workspace isolation, checked over the whole router rather than by example: every procedure whose meta says
 * `scope: "workspace"` is called by a member of workspace A (as a person and with an API key) against workspace B,
 * and with B's object ids inside A. Each must answer NOT_FOUND and change nothing in B.
 */
const h: Harness = createHarness();
afterAll(() => h.close());

type Procedures = Record<string, { _def: { meta?: ProcedureMeta } }>;
const procedures = (appRouter._def as unknown as { procedures: Procedures }).procedures;
const workspaceScoped = Object.keys(procedures).filter((path) => procedures[path]!._def.meta?.scope === "workspace");
const notWorkspaceScoped = Object.keys(procedures).filter((path) => !workspaceScoped.includes(path));

interface Ids {
  userId: string;
  apiKeyId: string;
  invitationId: string;
  inboxId: string;
  suppressionId: string;
  listId: string;
  campaignId: string;
  leadId: string;
  importId: string;
  endpointId: string;
  deliveryId: string;
  replyId: string;
  privacyRequestId: string;
}

/** A valid input for each workspace procedure, aimed at the objects in `ids`. A new procedure must be added here. */
const sampleInputs: Record<string, (ids: Ids) => Record<string, unknown>> = {
  "workspaces.get": () => ({}),
  "workspaces.health": () => ({}),
  "workspaces.plan": () => ({}),
  "workspaces.dpa": () => ({}),
  "workspaces.rename": () => ({ name: "Hijacked" }),
  "workspaces.updateSenderIdentity": () => ({ companyName: "Evil Inc", postalAddress: "1 Evil Street, Nowhere 00000" }),
  "members.list": () => ({}),
  "members.invite": () => ({ email: "intruder@example.test", role: "ADMIN" }),
  "members.revokeInvitation": (ids) => ({ invitationId: ids.invitationId }),
  "members.changeRole": (ids) => ({ userId: ids.userId, role: "MEMBER" }),
  "members.remove": (ids) => ({ userId: ids.userId }),
  "apiKeys.create": () => ({ name: "backdoor" }),
  "apiKeys.list": () => ({}),
  "apiKeys.revoke": (ids) => ({ apiKeyId: ids.apiKeyId }),
  "inboxes.connect": () => ({
    email: "intruder@example.test",
    fromName: "Intruder",
    smtp: { host: "127.0.0.2", port: 2587, security: "starttls" },
    imap: { host: "127.0.0.2", port: 2993, security: "tls" },
    password: "x",
  }),
  "inboxes.list": () => ({}),
  "inboxes.get": (ids) => ({ inboxId: ids.inboxId }),
  "inboxes.health": () => ({}),
  "inboxes.updateSettings": (ids) => ({ inboxId: ids.inboxId, dailyLimit: 1 }),
  "inboxes.updateConnection": (ids) => ({ inboxId: ids.inboxId, username: "someone-else" }),
  "inboxes.test": (ids) => ({ inboxId: ids.inboxId }),
  "inboxes.pause": (ids) => ({ inboxId: ids.inboxId }),
  "inboxes.resume": (ids) => ({ inboxId: ids.inboxId }),
  "inboxes.remove": (ids) => ({ inboxId: ids.inboxId }),
  "audit.list": () => ({}),
  "audit.export": () => ({}),
  "suppression.list": () => ({}),
  "suppression.add": () => ({ entries: ["victim@example.test"] }),
  "suppression.remove": (ids) => ({ suppressionId: ids.suppressionId }),
  "suppression.check": () => ({ email: "someone@example.test" }),
  "suppression.export": () => ({}),
  "leads.createList": () => ({ name: "stolen" }),
  "leads.lists": () => ({}),
  "leads.importCsv": (ids) => ({ listId: ids.listId, csv: "email\nplanted@example.test\n" }),
  "leads.list": () => ({}),
  "leads.export": (ids) => ({ listId: ids.listId }),
  "leads.startImport": (ids) => ({ listId: ids.listId, fileName: "planted.csv", bytes: 10 }),
  "leads.uploadChunk": (ids) => ({ importId: ids.importId, seq: 0, data: "eA==" }),
  "leads.finishImport": (ids) => ({ importId: ids.importId }),
  "leads.importStatus": (ids) => ({ importId: ids.importId }),
  "leads.imports": () => ({}),
  "campaigns.create": () => ({ name: "hijack" }),
  "campaigns.update": (ids) => ({ campaignId: ids.campaignId, name: "hijacked" }),
  "campaigns.get": (ids) => ({ campaignId: ids.campaignId }),
  "campaigns.list": () => ({}),
  "campaigns.setSteps": (ids) => ({
    campaignId: ids.campaignId,
    steps: [{ delayMinutes: 0, variants: [{ subject: "x", body: "y" }] }],
  }),
  "campaigns.setInboxes": (ids) => ({ campaignId: ids.campaignId, inboxIds: [ids.inboxId] }),
  "campaigns.addLeads": (ids) => ({ campaignId: ids.campaignId, listId: ids.listId }),
  "campaigns.preview": (ids) => ({ campaignId: ids.campaignId, leadId: ids.leadId }),
  "campaigns.preflight": (ids) => ({ campaignId: ids.campaignId }),
  "campaigns.launch": (ids) => ({ campaignId: ids.campaignId }),
  "campaigns.pause": (ids) => ({ campaignId: ids.campaignId }),
  "campaigns.resume": (ids) => ({ campaignId: ids.campaignId }),
  "campaigns.stats": (ids) => ({ campaignId: ids.campaignId }),
  "webhooks.create": () => ({ url: "https://127.0.0.1:9/x", events: ["email.sent"] }),
  "webhooks.list": () => ({}),
  "webhooks.update": (ids) => ({ endpointId: ids.endpointId, url: "https://127.0.0.1:9/stolen" }),
  "webhooks.rotateSecret": (ids) => ({ endpointId: ids.endpointId }),
  "webhooks.remove": (ids) => ({ endpointId: ids.endpointId }),
  "webhooks.deliveries": (ids) => ({ endpointId: ids.endpointId }),
  "webhooks.redeliver": (ids) => ({ deliveryId: ids.deliveryId }),
  "inboxReplies.list": () => ({}),
  "inboxReplies.thread": (ids) => ({ replyId: ids.replyId }),
  "inboxReplies.markRead": (ids) => ({ replyIds: [ids.replyId], read: true }),
  "inboxReplies.setLabel": (ids) => ({ replyId: ids.replyId, label: "INTERESTED" }),
  "inboxReplies.reply": (ids) => ({ replyId: ids.replyId, text: "hijacked answer" }),
  "privacy.exportSubject": () => ({ email: "secret-lead@example.test" }),
  "privacy.eraseSubject": () => ({ email: "secret-lead@example.test", confirmEmail: "secret-lead@example.test" }),
  "privacy.exportWorkspace": () => ({}),
  "privacy.list": () => ({}),
  "privacy.download": (ids) => ({ requestId: ids.privacyRequestId }),
};

function callByPath(caller: unknown, path: string, input: unknown): Promise<unknown> {
  const fn = path.split(".").reduce((node, part) => (node as Record<string, unknown>)[part], caller) as (
    input: unknown,
  ) => Promise<unknown>;
  return fn(input);
}

let a: Awaited<ReturnType<Harness["signUp"]>>;
let b: Awaited<ReturnType<Harness["signUp"]>>;
let aKey: string;
let bIds: Ids;
let bSnapshot: unknown;
let tokenForSomeoneElse: string;

async function snapshotOf(workspaceId: string) {
  const workspace = await h.db.workspace.findUniqueOrThrow({
    where: { id: workspaceId },
    include: {
      memberships: { orderBy: { userId: "asc" } },
      apiKeys: { orderBy: { id: "asc" } },
      invitations: { orderBy: { id: "asc" } },
      inboxes: { orderBy: { id: "asc" } },
      suppressions: { orderBy: { id: "asc" } },
      leadLists: { orderBy: { id: "asc" } },
      leads: { orderBy: { id: "asc" } },
      campaigns: { orderBy: { id: "asc" }, include: { steps: true, inboxes: true, leads: true } },
      leadImports: { orderBy: { id: "asc" } },
      webhooks: { orderBy: { id: "asc" }, include: { deliveries: true } },
      inbound: { orderBy: { id: "asc" } },
      privacy: { orderBy: { id: "asc" } },
    },
  });
  return JSON.parse(JSON.stringify(workspace, (_key, value) => (typeof value === "bigint" ? String(value) : value)));
}

beforeAll(async () => {
  a = await h.signUp("ws-a");
  b = await h.signUp("ws-b");
  aKey = (await a.as().apiKeys.create({ workspaceId: a.workspaceId, name: "a key" })).key;
  const bKey = await b.as().apiKeys.create({ workspaceId: b.workspaceId, name: "b key" });
  const bInvite = await b.as().members.invite({ workspaceId: b.workspaceId, email: "b-friend@example.test" });
  const bInbox = await h.connectStackInbox(b.as(), b.workspaceId, h.mailStack.users[1]!);
  await b.as().suppression.add({ workspaceId: b.workspaceId, entries: ["do-not-mail@example.test"] });
  const bSuppression = (await b.as().suppression.list({ workspaceId: b.workspaceId })).items[0]!;
  const bList = await b.as().leads.createList({ workspaceId: b.workspaceId, name: "B's leads" });
  await b
    .as()
    .leads.importCsv({ workspaceId: b.workspaceId, listId: bList.id, csv: "email\nsecret-lead@example.test\n" });
  const bLead = (await b.as().leads.list({ workspaceId: b.workspaceId })).items[0]!;
  const bCampaign = await b.as().campaigns.create({ workspaceId: b.workspaceId, name: "B's campaign" });
  const bImport = await b
    .as()
    .leads.startImport({ workspaceId: b.workspaceId, listId: bList.id, fileName: "b.csv", bytes: 100 });
  const bEndpoint = await b
    .as()
    .webhooks.create({ workspaceId: b.workspaceId, url: "https://127.0.0.1:9/b", events: ["campaign.launched"] });
  const bDelivery = await h.db.webhookDelivery.create({
    data: {
      workspaceId: b.workspaceId,
      endpointId: bEndpoint.id,
      eventId: "msg_b",
      eventType: "campaign.launched",
      payload: { secret: "B's event" },
      status: "FAILED",
    },
  });
  const bReply = await h.db.inboundMessage.create({
    data: {
      workspaceId: b.workspaceId,
      inboxId: bInbox.id,
      folder: "INBOX",
      uidValidity: 1n,
      uid: 1n,
      kind: "REPLY",
      fromEmail: "secret-lead@example.test",
      subject: "Re: B's secret",
      text: "B's private reply",
      receivedAt: new Date(),
    },
  });
  // A finished export with its file: reachable by B's admins only.
  const bRequest = await b.as().privacy.exportWorkspace({ workspaceId: b.workspaceId });
  await h.db.privacyRequest.update({
    where: { id: bRequest.id },
    data: { status: "DONE", result: Buffer.from("B's export"), resultName: "b.zip" },
  });
  bIds = {
    userId: b.user.id,
    apiKeyId: bKey.id,
    invitationId: bInvite.invitationId,
    inboxId: bInbox.id,
    suppressionId: bSuppression.id,
    listId: bList.id,
    campaignId: bCampaign.id,
    leadId: bLead.id,
    importId: bImport.importId,
    endpointId: bEndpoint.id,
    deliveryId: bDelivery.id,
    replyId: bReply.id,
    privacyRequestId: bRequest.id,
  };
  tokenForSomeoneElse = bInvite.token;
  bSnapshot = await snapshotOf(b.workspaceId);
});

describe("workspace isolation over the whole router", () => {
  it("knows a sample input for every workspace procedure", () => {
    expect(workspaceScoped.sort()).toEqual(Object.keys(sampleInputs).sort());
    // Everything else is account-level, public or for platform operators (admin.*, which reach any workspace by
    // design: routers/admin/admin.test.ts proves nobody else reaches them). Listed so a new one is a conscious decision.
    expect(notWorkspaceScoped.sort()).toEqual(
      [
        "admin.setPlan",
        "admin.setRegion",
        "admin.users",
        "admin.workspaces",
        "auth.changePassword",
        "auth.logIn",
        "auth.logOut",
        "auth.logOutEverywhere",
        "auth.me",
        "auth.providers",
        "auth.signUp",
        "auth.whoami",
        "inboxes.presets",
        "members.accept",
        "privacy.account.delete",
        "privacy.account.download",
        "privacy.account.export",
        "privacy.account.list",
        "workspaces.create",
        "workspaces.listMine",
      ].sort(),
    );
  });

  it.each(workspaceScoped)("%s: a member of A (session) gets NOT_FOUND for workspace B", async (path) => {
    const input = { workspaceId: b.workspaceId, ...sampleInputs[path]!(bIds) };
    expect(await codeOf(callByPath(a.as(), path, input))).toBe("NOT_FOUND");
  });

  it.each(workspaceScoped)("%s: A's API key gets NOT_FOUND for workspace B", async (path) => {
    const input = { workspaceId: b.workspaceId, ...sampleInputs[path]!(bIds) };
    expect(await codeOf(callByPath(h.call({ bearer: aKey }), path, input))).toBe("NOT_FOUND");
  });

  it.each([
    "members.revokeInvitation",
    "members.changeRole",
    "members.remove",
    "apiKeys.revoke",
    "inboxes.get",
    "inboxes.updateSettings",
    "inboxes.updateConnection",
    "inboxes.test",
    "inboxes.pause",
    "inboxes.resume",
    "inboxes.remove",
    "suppression.remove",
    "leads.importCsv",
    "leads.export",
    "leads.startImport",
    "leads.uploadChunk",
    "leads.finishImport",
    "leads.importStatus",
    "campaigns.update",
    "campaigns.get",
    "campaigns.setSteps",
    "campaigns.setInboxes",
    "campaigns.addLeads",
    "campaigns.preview",
    "campaigns.preflight",
    "campaigns.launch",
    "campaigns.pause",
    "campaigns.resume",
    "campaigns.stats",
    "webhooks.update",
    "webhooks.rotateSecret",
    "webhooks.remove",
    "webhooks.deliveries",
    "webhooks.redeliver",
    "inboxReplies.thread",
    "inboxReplies.setLabel",
    "inboxReplies.reply",
  ])("%s: B's object ids used inside workspace A are NOT_FOUND", async (path) => {
    const input = { workspaceId: a.workspaceId, ...sampleInputs[path]!(bIds) };
    expect(await codeOf(callByPath(a.as(), path, input))).toBe("NOT_FOUND");
  });

  it("a workspace id that does not exist answers exactly like one that is not yours", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    await expect(a.as().workspaces.get({ workspaceId: missing })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "Workspace not found.",
    });
    await expect(a.as().workspaces.get({ workspaceId: b.workspaceId })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "Workspace not found.",
    });
  });

  it("an invitation token meant for someone else does not let A into B", async () => {
    expect(await codeOf(a.as().members.accept({ token: tokenForSomeoneElse }))).toBe("FORBIDDEN");
  });

  it("an injected workspaceId or role in account-level inputs is refused, not ignored silently", async () => {
    const attempt = a.as().workspaces.create({ name: "x", workspaceId: b.workspaceId } as never);
    expect(await codeOf(attempt)).toBe("BAD_REQUEST");
  });

  it("left workspace B exactly as it was", async () => {
    expect(await snapshotOf(b.workspaceId)).toEqual(bSnapshot);
    const bEvents = await h.db.auditEvent.findMany({ where: { workspaceId: b.workspaceId, actorId: a.user.id } });
    expect(bEvents).toEqual([]);
  });
});
