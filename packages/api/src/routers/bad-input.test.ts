import { afterAll, describe, expect, it } from "vitest";
import { createHarness } from "../testing/harness.ts";

const h = createHarness();
afterAll(() => h.close());

describe("bad input", () => {
  it("refuses unknown fields with a message that names them", async () => {
    const owner = await h.signUp("strict");
    const attempt = owner
      .as()
      .workspaces.rename({ workspaceId: owner.workspaceId, name: "ok", plan: "SCALE" } as never);
    await expect(attempt).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { issues: [expect.objectContaining({ code: "unrecognized_keys", keys: ["plan"] })] },
    });
  });

  it("says which field is wrong (the HTTP edge turns this into the message; see apps/server tests)", async () => {
    const attempt = h.call().auth.signUp({ email: "not-an-email", name: "x", password: "whatever-long-enough" });
    await expect(attempt).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { issues: [expect.objectContaining({ path: ["email"], message: "Enter a valid email address." })] },
    });
  });

  it("stores SQL-ish and script strings literally", async () => {
    const owner = await h.signUp("literal");
    const name = `<script>alert("x")</script>'); DROP TABLE "User";--`;
    const renamed = await owner.as().workspaces.rename({ workspaceId: owner.workspaceId, name });
    expect(renamed.name).toBe(name);
    expect((await h.db.workspace.findUniqueOrThrow({ where: { id: owner.workspaceId } })).name).toBe(name);
    expect(await h.db.user.count()).toBeGreaterThan(0);
  });

  it("refuses control characters in names (header injection later)", async () => {
    const owner = await h.signUp("ctrl");
    const attempt = owner
      .as()
      .workspaces.rename({ workspaceId: owner.workspaceId, name: "Evil\r\nBcc: x@example.test" });
    await expect(attempt).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
