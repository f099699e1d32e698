import { createFreshDatabase, type FreshDatabase } from "@mailflow/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf, createHarness, type Harness } from "./testing/harness.ts";

/**
 * Data residency with three real databases: the global one (users, memberships, keys, the workspace directory) and
 * one per region. Everything a workspace owns is written to its region's database only, and an operator's move to
 * the other region (Scale) carries all of it across, audited there.
 */
let global: FreshDatabase;
let eu: FreshDatabase;
let us: FreshDatabase;
let h: Harness;

beforeAll(async () => {
  [global, eu, us] = await Promise.all([
    createFreshDatabase("mailflow_global"),
    createFreshDatabase("mailflow_eu"),
    createFreshDatabase("mailflow_us"),
  ]);
  h = createHarness({}, { databaseUrl: global.url, regionUrls: { EU: eu.url, US: us.url } });
}, 120_000);

afterAll(async () => {
  await h?.close();
  await Promise.all([global, eu, us].map((d) => d?.drop()));
});

const dbs = () => ({ global: h.deps.regions.global, EU: h.deps.regions.of("EU"), US: h.deps.regions.of("US") });

/** How many of the workspace's rows each database holds, per table. */
async function whereIs(
  workspaceId: string,
  table: "lead" | "leadList" | "suppression" | "auditEvent" | "apiKey" | "membership",
) {
  const counts: Record<string, number> = {};
  for (const [name, db] of Object.entries(dbs())) {
    counts[name] = await (db[table] as unknown as { count(a: object): Promise<number> }).count({
      where: { workspaceId },
    });
  }
  return counts;
}

describe("data residency: one database per region", () => {
  it("keeps an EU workspace's leads, suppression and audit trail only in the EU database", async () => {
    const owner = await h.signUp("residency-eu");
    const api = owner.as();
    const { id: workspaceId } = await api.workspaces.create({ name: "Berlin office", region: "EU" });
    const list = await api.leads.createList({ workspaceId, name: "Prospects" });
    const imported = await api.leads.importCsv({
      workspaceId,
      listId: list.id,
      csv: "email,firstName\nhans@example.de,Hans\ngreta@example.de,Greta\n",
    });
    expect(imported.imported).toBe(2);
    await api.suppression.add({ workspaceId, entries: ["nope@example.de"] });
    await api.apiKeys.create({ workspaceId, name: "CRM sync" });
    await api.workspaces.rename({ workspaceId, name: "Berlin HQ" });

    // Query every database: the workspace's own rows are in the EU one only.
    expect(await whereIs(workspaceId, "lead")).toEqual({ global: 0, EU: 2, US: 0 });
    expect(await whereIs(workspaceId, "leadList")).toEqual({ global: 0, EU: 1, US: 0 });
    expect(await whereIs(workspaceId, "suppression")).toEqual({ global: 0, EU: 1, US: 0 });
    const trail = await whereIs(workspaceId, "auditEvent");
    expect(trail).toMatchObject({ global: 0, US: 0 });
    expect(trail.EU).toBeGreaterThanOrEqual(5); // created, import, suppression, key, rename
    // Users, memberships and keys are global; the directory says EU; the EU database has its copy of the entry.
    expect(await whereIs(workspaceId, "membership")).toEqual({ global: 1, EU: 0, US: 0 });
    expect(await whereIs(workspaceId, "apiKey")).toEqual({ global: 1, EU: 0, US: 0 });
    expect(await dbs().global.workspace.findUniqueOrThrow({ where: { id: workspaceId } })).toMatchObject({
      region: "EU",
      name: "Berlin HQ",
    });
    expect(await dbs().EU.workspace.findUniqueOrThrow({ where: { id: workspaceId } })).toMatchObject({
      name: "Berlin HQ",
    });
    expect(await dbs().US.workspace.count({ where: { id: workspaceId } })).toBe(0);
    expect(await dbs().EU.user.count()).toBe(0);

    // The API reads them back from there, and lists the trail.
    expect((await api.leads.list({ workspaceId })).items.map((l) => l.email).sort()).toEqual([
      "greta@example.de",
      "hans@example.de",
    ]);
    const events = await api.audit.list({ workspaceId });
    expect(events.items.map((e) => e.action)).toEqual(
      expect.arrayContaining(["workspace.created", "leads.imported", "api_key.created", "workspace.renamed"]),
    );

    // A US workspace of the same person stays in the US database.
    const { id: usId } = await api.workspaces.create({ name: "New York office", region: "US" });
    const usList = await api.leads.createList({ workspaceId: usId, name: "US prospects" });
    await api.leads.importCsv({ workspaceId: usId, listId: usList.id, csv: "email\njoe@example.com\n" });
    expect(await whereIs(usId, "lead")).toEqual({ global: 0, EU: 0, US: 1 });
  });

  it("moves a Scale workspace to the other region with all its data, and records the move there", async () => {
    const owner = await h.signUp("residency-move");
    const api = owner.as();
    const { id: workspaceId } = await api.workspaces.create({ name: "Moving", region: "US" });
    const list = await api.leads.createList({ workspaceId, name: "Prospects" });
    await api.leads.importCsv({
      workspaceId,
      listId: list.id,
      csv: "email\na@example.com\nb@example.com\nc@example.com\n",
    });
    await api.suppression.add({ workspaceId, entries: ["x@example.com", "example.org"] });
    const campaign = await api.campaigns.create({ workspaceId, name: "Draft" });
    const before = await dbs().US.auditEvent.findMany({ where: { workspaceId }, orderBy: { id: "asc" } });

    const operator = await h.signUp("residency-operator");
    await h.db.user.update({ where: { id: operator.user.id }, data: { platformAdmin: true } });
    const admin = operator.as().admin;
    // Free plan: refused, nothing moved.
    expect(await codeOf(admin.setRegion({ workspaceId, region: "EU" }))).toBe("FORBIDDEN");
    await admin.setPlan({ workspaceId, plan: "SCALE" });
    const moved = await admin.setRegion({ workspaceId, region: "EU" });
    expect(moved.region).toBe("EU");

    expect(await whereIs(workspaceId, "lead")).toEqual({ global: 0, EU: 3, US: 0 });
    expect(await whereIs(workspaceId, "suppression")).toEqual({ global: 0, EU: 2, US: 0 });
    expect(await dbs().US.workspace.count({ where: { id: workspaceId } })).toBe(0);
    expect(await dbs().EU.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).toMatchObject({ name: "Draft" });
    // The trail moved in order, its hash chain intact, and the move is its newest event, in the EU.
    const after = await dbs().EU.auditEvent.findMany({ where: { workspaceId }, orderBy: { id: "asc" } });
    expect(after.slice(0, before.length).map((e) => [e.action, e.hash, e.prevHash])).toEqual(
      before.map((e) => [e.action, e.hash, e.prevHash]),
    );
    expect(after.at(-1)).toMatchObject({
      action: "admin.region_changed",
      metadata: { from: "US", to: "EU", leads: 3 },
    });
    expect(await whereIs(workspaceId, "auditEvent")).toMatchObject({ global: 0, US: 0 });
    // The workspace works as before from its new region.
    expect((await api.leads.list({ workspaceId })).items).toHaveLength(3);
    await api.leads.importCsv({ workspaceId, listId: list.id, csv: "email\nd@example.com\n" });
    expect(await whereIs(workspaceId, "lead")).toEqual({ global: 0, EU: 4, US: 0 });
  });
});
