import { afterAll, describe, expect, it } from "vitest";
import { codeOf, createHarness } from "../../testing/harness.ts";

/** Plan limits, enforced by the server: inboxes, region changes, the DPA. */
const h = createHarness();
afterAll(() => h.close());

describe("plans", () => {
  it("a Free workspace connects 3 inboxes, not a 4th; on Pro it can", async () => {
    const owner = await h.signUp("plan-inboxes");
    const { workspaceId } = owner;
    const [alice, bob, carol, dave] = ["alice", "bob", "carol", "dave"].map(
      (name) => h.mailStack.users.find((u) => u.email.startsWith(`${name}@`))!,
    );
    for (const user of [alice!, bob!, carol!]) await h.connectStackInbox(owner.as(), workspaceId, user);
    await expect(owner.as().inboxes.connect(h.stackInboxInput(workspaceId, dave!))).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "The Free plan allows 3 inboxes and this workspace has 3. Remove one or move to a larger plan.",
    });
    expect(await h.db.inbox.count({ where: { workspaceId } })).toBe(3);
    expect(await owner.as().workspaces.plan({ workspaceId })).toEqual({
      plan: "FREE",
      limits: { inboxes: 3, leads: 1000, regionChange: false, dpa: false },
      usage: { inboxes: 3, leads: 0 },
    });

    await h.db.workspace.update({ where: { id: workspaceId }, data: { plan: "PRO" } });
    expect((await h.connectStackInbox(owner.as(), workspaceId, dave!)).email).toBe(dave!.email);
  });

  it("hands the DPA to owners and admins of Scale workspaces only", async () => {
    const { owner, member, workspaceId } = await h.team("plan-dpa");
    await expect(owner.as().workspaces.dpa({ workspaceId })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "The data processing agreement (DPA) is part of the Scale plan; this workspace is on Free.",
    });
    await h.db.workspace.update({ where: { id: workspaceId }, data: { plan: "SCALE" } });
    const dpa = await owner.as().workspaces.dpa({ workspaceId });
    expect(dpa.fileName).toBe("mailflow-dpa-v1.md");
    expect(dpa.text).toMatch(/^# MailFlow Data Processing Agreement/);
    expect(await codeOf(member.as().workspaces.dpa({ workspaceId }))).toBe("FORBIDDEN");
  });
});
