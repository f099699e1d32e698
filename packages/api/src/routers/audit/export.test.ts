import { afterAll, describe, expect, it } from "vitest";
import { codeOf, createHarness } from "../../testing/harness.ts";

/** The audit log's CSV export (the desktop app's "Export to CSV"): same filters as the viewer, itself audited. */
const h = createHarness();
afterAll(() => h.close());

describe("audit.export", () => {
  it("exports the filtered trail as CSV, newest first, and records that it did", async () => {
    const { owner, member, workspaceId } = await h.team("audit-export");
    for (const name of ["First", "Second, with a comma", 'Third "quoted"']) {
      await owner.as().workspaces.rename({ workspaceId, name });
    }
    const listed = await owner.as().audit.list({ workspaceId, limit: 200 });
    const all = await owner.as().audit.export({ workspaceId });
    const lines = all.csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("id,created_at,action,actor_type,actor_id,target_type,target_id,ip,user_agent,metadata");
    expect(all.rows).toBe(listed.items.length);
    expect(lines).toHaveLength(all.rows + 1);
    expect(all.truncated).toBe(false);

    const renames = await owner.as().audit.export({ workspaceId, action: "workspace.renamed" });
    expect(renames.rows).toBe(3);
    const [, newest] = renames.csv.trimEnd().split("\r\n");
    // RFC 4180 quoting of the JSON metadata cell: the name with quotes survives a round trip.
    const metadataCell = newest!.slice(newest!.indexOf(',"{') + 1);
    expect(JSON.parse(metadataCell.slice(1, -1).replaceAll('""', '"'))).toEqual({
      from: "Second, with a comma",
      to: 'Third "quoted"',
    });
    expect(newest).toMatch(/,workspace\.renamed,USER,/);

    const exported = await owner.as().audit.list({ workspaceId, action: "audit.exported" });
    expect(exported.items.map((e) => e.metadata)).toEqual([
      { rows: 3, filters: JSON.stringify({ action: "workspace.renamed" }) },
      { rows: all.rows, filters: "{}" },
    ]);
    expect(await codeOf(member.as().audit.export({ workspaceId }))).toBe("FORBIDDEN");
  });
});
