import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf, createHarness, type Harness } from "../../testing/harness.ts";

const h: Harness = createHarness();
afterAll(() => h.close());

type Account = Awaited<ReturnType<Harness["signUp"]>>;
let owner: Account;
let member: Account;
let workspaceId: string;

beforeAll(async () => {
  ({ owner, member, workspaceId } = await h.team("leads"));
});

const csv = [
  "Email,First Name,Company,Industry",
  "ada@example.test,Ada,Engines,computing",
  "broken-address,X,Y,Z",
  'bob@example.test,Bob,Acme,"=HYPERLINK(""http://evil.example"")"',
  'eve@example.test,Eve,Acme,=broken"quote',
  "ADA@example.test,Ada,Dup,",
  "carol@example.test,Carol,Acme,retail",
].join("\n");

describe("leads", () => {
  it("imports good rows, reports bad ones by line, and counts duplicates", async () => {
    const list = await member.as().leads.createList({ workspaceId, name: "Q4 prospects" });
    const report = await member.as().leads.importCsv({ workspaceId, listId: list.id, csv });
    expect(report).toMatchObject({ processed: 6, imported: 3, duplicates: 1, rejected: 2, fatal: null });
    expect(report.rejections).toEqual([
      { line: 3, reason: '"broken-address" is not a valid email address.' },
      { line: 5, reason: expect.stringMatching(/^The row is not valid CSV: Invalid Opening Quote/) },
    ]);
    const lists = await member.as().leads.lists({ workspaceId });
    expect(lists.find((l) => l.id === list.id)?.leadCount).toBe(3);
  });

  it("deduplicates against leads already in the workspace, even in another list", async () => {
    const other = await member.as().leads.createList({ workspaceId, name: "Webinar" });
    const report = await member.as().leads.importCsv({
      workspaceId,
      listId: other.id,
      csv: "email,first_name\nada@example.test,Ada\ndave@example.test,Dave\n",
    });
    expect(report).toMatchObject({ imported: 1, duplicates: 1 });
  });

  it("searches and pages", async () => {
    const found = await member.as().leads.list({ workspaceId, search: "acme" });
    expect(found.items.map((l) => l.email).sort()).toEqual(["bob@example.test", "carol@example.test"]);
    expect(found.items[0]!.customFields).toHaveProperty("Industry");
    const page = await member.as().leads.list({ workspaceId, limit: 2 });
    const next = await member.as().leads.list({ workspaceId, limit: 2, cursor: page.nextCursor! });
    expect(next.items.map((l) => l.id)).not.toContain(page.items[1]!.id);
  });

  it("exports a list as spreadsheet-safe CSV, for admins only, audited", async () => {
    const [list] = (await owner.as().leads.lists({ workspaceId })).filter((l) => l.name === "Q4 prospects");
    expect(await codeOf(member.as().leads.export({ workspaceId, listId: list!.id }))).toBe("FORBIDDEN");
    const { csv: exported, rows } = await owner.as().leads.export({ workspaceId, listId: list!.id });
    expect(rows).toBe(3);
    const lines = exported.trimEnd().split("\r\n");
    expect(lines[0]).toBe("email,first_name,last_name,company,title,time_zone,Industry");
    expect(lines.find((l) => l.startsWith("bob@"))).toBe(
      `bob@example.test,Bob,,Acme,,,"'=HYPERLINK(""http://evil.example"")"`,
    );
    const event = await h.db.auditEvent.findFirstOrThrow({ where: { workspaceId, action: "leads.exported" } });
    expect(event.metadata).toMatchObject({ rows: 3 });
  });

  it("says when the file has no email column, and imports nothing", async () => {
    const list = await member.as().leads.createList({ workspaceId, name: "Bad file" });
    const report = await member.as().leads.importCsv({ workspaceId, listId: list.id, csv: "name,phone\nX,1\n" });
    expect(report.fatal).toMatch(/No column holds the email address/);
    expect(report.imported).toBe(0);
  });
});
