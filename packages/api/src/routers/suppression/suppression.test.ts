import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf, createHarness, type Harness } from "../../testing/harness.ts";

const h: Harness = createHarness();
afterAll(() => h.close());

type Account = Awaited<ReturnType<Harness["signUp"]>>;
let owner: Account;
let member: Account;
let workspaceId: string;

beforeAll(async () => {
  ({ owner, member, workspaceId } = await h.team("supp"));
});

describe("suppression lists", () => {
  it("adds addresses and domains, reports invalid entries by position, and skips duplicates", async () => {
    const result = await member.as().suppression.add({
      workspaceId,
      entries: ["Ada@Example.test", "competitor.test", "not an address", "ada@example.test", "@blocked.test"],
    });
    expect(result).toEqual({ added: 3, alreadySuppressed: 0, invalid: [{ index: 2, value: "not an address" }] });
    const again = await member.as().suppression.add({ workspaceId, entries: ["ada@example.test"] });
    expect(again).toEqual({ added: 0, alreadySuppressed: 1, invalid: [] });
  });

  it("matches by address and by domain, and checks the global list too", async () => {
    const check = (email: string) => member.as().suppression.check({ workspaceId, email });
    expect(await check("ADA@example.test")).toMatchObject({
      suppressed: true,
      match: { kind: "EMAIL", scope: "workspace" },
    });
    expect(await check("anyone@competitor.test")).toMatchObject({ suppressed: true, match: { kind: "DOMAIN" } });
    expect(await check("bob@example.test")).toEqual({ suppressed: false, match: null });
    await h.db.globalSuppression.create({
      data: { kind: "EMAIL", value: "spamtrap@example.test", reason: "complaint" },
    });
    expect(await check("spamtrap@example.test")).toMatchObject({ suppressed: true, match: { scope: "global" } });
  });

  it("does not leak into other workspaces", async () => {
    const other = await h.signUp("supp-other");
    const result = await other.as().suppression.check({ workspaceId: other.workspaceId, email: "ada@example.test" });
    expect(result.suppressed).toBe(false);
  });

  it("lists with search and pages; only admins remove, and removal is audited", async () => {
    const page = await member.as().suppression.list({ workspaceId, limit: 2 });
    expect(page.items).toHaveLength(2);
    const rest = await member.as().suppression.list({ workspaceId, limit: 2, cursor: page.nextCursor! });
    expect(rest.items.map((i) => i.id)).not.toContain(page.items[0]!.id);
    const [found] = (await member.as().suppression.list({ workspaceId, search: "competitor" })).items;
    expect(found).toMatchObject({ kind: "DOMAIN", value: "competitor.test", reason: "manual" });
    expect(await codeOf(member.as().suppression.remove({ workspaceId, suppressionId: found!.id }))).toBe("FORBIDDEN");
    await owner.as().suppression.remove({ workspaceId, suppressionId: found!.id });
    const event = await h.db.auditEvent.findFirstOrThrow({ where: { workspaceId, action: "suppression.removed" } });
    expect(event.metadata).toMatchObject({ value: "competitor.test" });
  });

  it("exports CSV that is safe to open in a spreadsheet", async () => {
    await owner.as().suppression.add({ workspaceId, entries: ["=cmd|'/c calc'!a0@example.test", "+1@example.test"] });
    const { csv, rows } = await owner.as().suppression.export({ workspaceId });
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("kind,value,reason,added_at");
    expect(lines).toHaveLength(rows + 1);
    expect(lines.some((l) => l.includes("'+1@example.test"))).toBe(true);
    for (const line of lines.slice(1)) expect(line.split(",")[1]).not.toMatch(/^[=+\-@]/);
    expect(await codeOf(member.as().suppression.export({ workspaceId }))).toBe("FORBIDDEN");
  });
});
