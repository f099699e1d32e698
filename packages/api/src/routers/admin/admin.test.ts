import { afterAll, describe, expect, it } from "vitest";
import { appRouter } from "../../root.ts";
import { codeOf, createHarness } from "../../testing/harness.ts";
import type { ProcedureMeta } from "../../trpc.ts";

/**
 * Platform-operator procedures: enforced by the server for every procedure of the admin router (enumerated from
 * the router, so a new one is covered the day it is added), and usable by an operator.
 */
const h = createHarness();
afterAll(() => h.close());

type Procedures = Record<string, { _def: { meta?: ProcedureMeta } }>;
const procedures = (appRouter._def as unknown as { procedures: Procedures }).procedures;
const adminPaths = Object.keys(procedures).filter((path) => path.startsWith("admin."));

/** A valid input for each admin procedure. A new admin procedure must be added here (the first test says so). */
const sampleInputs: Record<string, (workspaceId: string) => unknown> = {
  "admin.users": () => ({}),
  "admin.workspaces": () => ({}),
  "admin.setPlan": (workspaceId) => ({ workspaceId, plan: "SCALE" }),
  "admin.setRegion": (workspaceId) => ({ workspaceId, region: "EU" }),
};

function callByPath(caller: unknown, path: string, input: unknown): Promise<unknown> {
  const fn = path.split(".").reduce((node, part) => (node as Record<string, unknown>)[part], caller) as (
    input: unknown,
  ) => Promise<unknown>;
  return fn(input);
}

async function operator(label: string) {
  const user = await h.signUp(label);
  await h.db.user.update({ where: { id: user.user.id }, data: { platformAdmin: true } });
  return user;
}

describe("the admin router", () => {
  it("is marked admin-scoped throughout, and every procedure has a sample input here", () => {
    expect(adminPaths.length).toBeGreaterThanOrEqual(4);
    for (const path of adminPaths) {
      expect(procedures[path]!._def.meta?.scope, path).toBe("admin");
      expect(sampleInputs[path], `add a sample input for ${path}`).toBeDefined();
    }
    // Nothing outside admin.* is admin-scoped.
    const elsewhere = Object.keys(procedures).filter((p) => !p.startsWith("admin."));
    expect(elsewhere.filter((p) => procedures[p]!._def.meta?.scope === "admin")).toEqual([]);
  });

  it("answers FORBIDDEN to a non-operator on every procedure (session or API key), UNAUTHORIZED to nobody, and changes nothing", async () => {
    const owner = await h.signUp("not-an-operator");
    const { key } = await owner.as().apiKeys.create({ workspaceId: owner.workspaceId, name: "k" });
    const before = await h.db.workspace.findUniqueOrThrow({ where: { id: owner.workspaceId } });
    for (const path of adminPaths) {
      const input = sampleInputs[path]!(owner.workspaceId);
      expect(await codeOf(callByPath(owner.as(), path, input)), `${path} as a session`).toBe("FORBIDDEN");
      expect(await codeOf(callByPath(h.call({ bearer: key }), path, input)), `${path} as an API key`).toBe("FORBIDDEN");
      expect(await codeOf(callByPath(h.call(), path, input)), `${path} anonymously`).toBe("UNAUTHORIZED");
    }
    const after = await h.db.workspace.findUniqueOrThrow({ where: { id: owner.workspaceId } });
    expect(after).toEqual(before);
  });

  it("an operator loses access at once when the role is taken away", async () => {
    const op = await operator("short-lived-operator");
    expect(await codeOf(op.as().admin.users({}))).toBe("OK");
    await h.db.user.update({ where: { id: op.user.id }, data: { platformAdmin: false } });
    expect(await codeOf(op.as().admin.users({}))).toBe("FORBIDDEN");
  });
});

describe("platform operators", () => {
  it("list users and workspaces with plan, region and sending health", async () => {
    const op = await operator("operator-lists");
    const customer = await h.signUp("customer-listed");
    const me = await op.as().auth.me();
    expect(me.platformAdmin).toBe(true);
    expect((await customer.as().auth.me()).platformAdmin).toBe(false);

    const users = await op.as().admin.users({ search: customer.email });
    expect(users.items).toEqual([
      expect.objectContaining({ id: customer.user.id, email: customer.email, platformAdmin: false, workspaces: 1 }),
    ]);
    const workspaces = await op.as().admin.workspaces({ limit: 200 });
    const listed = workspaces.items.find((w) => w.id === customer.workspaceId)!;
    expect(listed).toMatchObject({ plan: "FREE", region: "US", members: 1, queueDepth: 0 });
    expect(listed.inboxes).toEqual({ active: 0, paused: 0, error: 0 });
    // Cursor pages do not repeat rows.
    const first = await op.as().admin.users({ limit: 1 });
    const second = await op.as().admin.users({ limit: 1, cursor: first.nextCursor! });
    expect(second.items[0]!.id).not.toBe(first.items[0]!.id);
  });

  it("change a plan, recorded in the workspace's own audit trail", async () => {
    const op = await operator("operator-plans");
    const customer = await h.signUp("customer-upgraded");
    const updated = await op.as().admin.setPlan({ workspaceId: customer.workspaceId, plan: "SCALE" });
    expect(updated.plan).toBe("SCALE");
    const trail = await customer.as().audit.list({ workspaceId: customer.workspaceId, action: "admin." });
    expect(trail.items).toEqual([
      expect.objectContaining({
        action: "admin.plan_changed",
        actorId: op.user.id,
        metadata: { from: "FREE", to: "SCALE" },
      }),
    ]);
  });

  it("re-pins a workspace to another region on Scale, refusing while one of its campaigns runs", async () => {
    const op = await operator("operator-regions");
    const empty = await h.signUp("customer-empty");
    // A Scale-plan feature: refused on Free, allowed once the workspace is on Scale.
    expect(await codeOf(op.as().admin.setRegion({ workspaceId: empty.workspaceId, region: "EU" }))).toBe("FORBIDDEN");
    await op.as().admin.setPlan({ workspaceId: empty.workspaceId, plan: "SCALE" });
    expect((await op.as().admin.setRegion({ workspaceId: empty.workspaceId, region: "EU" })).region).toBe("EU");
    const busy = await h.signUp("customer-busy");
    await op.as().admin.setPlan({ workspaceId: busy.workspaceId, plan: "SCALE" });
    const list = await busy.as().leads.createList({ workspaceId: busy.workspaceId, name: "l" });
    await busy
      .as()
      .leads.importCsv({ workspaceId: busy.workspaceId, listId: list.id, csv: "email\nlead@example.test\n" });
    const campaign = await busy.as().campaigns.create({ workspaceId: busy.workspaceId, name: "Running" });
    await h.db.campaign.update({ where: { id: campaign.id }, data: { status: "ACTIVE" } });
    await expect(op.as().admin.setRegion({ workspaceId: busy.workspaceId, region: "EU" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/Pause the workspace's running campaigns/),
    });
    expect((await h.db.workspace.findUniqueOrThrow({ where: { id: busy.workspaceId } })).region).toBe("US");
    // Paused, it moves with its data (residency.test.ts moves one between two real region databases).
    await h.db.campaign.update({ where: { id: campaign.id }, data: { status: "PAUSED" } });
    expect((await op.as().admin.setRegion({ workspaceId: busy.workspaceId, region: "EU" })).region).toBe("EU");
    expect(await h.db.lead.count({ where: { workspaceId: busy.workspaceId } })).toBe(1);
    expect(
      await codeOf(op.as().admin.setPlan({ workspaceId: "00000000-0000-4000-8000-000000000000", plan: "PRO" })),
    ).toBe("NOT_FOUND");
  });
});
