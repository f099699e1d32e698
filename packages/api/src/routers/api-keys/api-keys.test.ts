import { afterAll, describe, expect, it } from "vitest";
import { codeOf, createHarness } from "../../testing/harness.ts";

const h = createHarness();
afterAll(() => h.close());

describe("API keys", () => {
  it("shows the key once, stores only the prefix and a bcrypt hash", async () => {
    const owner = await h.signUp("keys");
    const created = await owner.as().apiKeys.create({ workspaceId: owner.workspaceId, name: "CRM sync" });
    expect(created.key).toMatch(/^mf_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    expect(created.key.slice(3, 11)).toBe(created.prefix);
    const listed = await owner.as().apiKeys.list({ workspaceId: owner.workspaceId });
    expect(listed).toHaveLength(1);
    expect(listed[0]).not.toHaveProperty("key");
    expect(listed[0]).not.toHaveProperty("secretHash");
    const row = await h.db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    const secret = created.key.slice(12);
    expect(row.secretHash).toMatch(/^\$2[aby]\$12\$/);
    expect(JSON.stringify(row)).not.toContain(secret);
  });

  it("authenticates workspace calls, records last use, and is refused at once after revocation", async () => {
    const owner = await h.signUp("keys2");
    const { key, id } = await owner.as().apiKeys.create({ workspaceId: owner.workspaceId, name: "script" });
    const viaKey = h.call({ bearer: key });
    const workspace = await viaKey.workspaces.get({ workspaceId: owner.workspaceId });
    expect(workspace.id).toBe(owner.workspaceId);
    // a second call is served from the verification cache and must still work
    expect(await codeOf(viaKey.workspaces.get({ workspaceId: owner.workspaceId }))).toBe("OK");
    const [listed] = await owner.as().apiKeys.list({ workspaceId: owner.workspaceId });
    expect(listed!.lastUsedAt).toBeInstanceOf(Date);

    await owner.as().apiKeys.revoke({ workspaceId: owner.workspaceId, apiKeyId: id });
    expect(await codeOf(h.call({ bearer: key }).workspaces.get({ workspaceId: owner.workspaceId }))).toBe(
      "UNAUTHORIZED",
    );
  });

  it("is refused after revocation on another instance too (no stale cache)", async () => {
    const owner = await h.signUp("keys3");
    const { key, id } = await owner.as().apiKeys.create({ workspaceId: owner.workspaceId, name: "multi" });
    expect(await codeOf(h.call({ bearer: key }).workspaces.get({ workspaceId: owner.workspaceId }))).toBe("OK");
    // Revoke directly in the database, as another API instance would: this instance's cache is not told.
    await h.db.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    expect(await codeOf(h.call({ bearer: key }).workspaces.get({ workspaceId: owner.workspaceId }))).toBe(
      "UNAUTHORIZED",
    );
  });

  it("refuses a key with the right prefix but a wrong secret, and a malformed key", async () => {
    const owner = await h.signUp("keys4");
    const { key } = await owner.as().apiKeys.create({ workspaceId: owner.workspaceId, name: "x" });
    const wrongSecret = `${key.slice(0, 12)}${"A".repeat(43)}`;
    expect(await codeOf(h.call({ bearer: wrongSecret }).workspaces.get({ workspaceId: owner.workspaceId }))).toBe(
      "UNAUTHORIZED",
    );
    expect(await codeOf(h.call({ bearer: "mf_short" }).workspaces.get({ workspaceId: owner.workspaceId }))).toBe(
      "UNAUTHORIZED",
    );
  });

  it("acts only inside its own workspace and cannot manage accounts, members or keys", async () => {
    const owner = await h.signUp("keys5");
    const stranger = await h.signUp("stranger");
    const { key } = await owner.as().apiKeys.create({ workspaceId: owner.workspaceId, name: "scoped" });
    const viaKey = h.call({ bearer: key });
    expect(await codeOf(viaKey.workspaces.get({ workspaceId: stranger.workspaceId }))).toBe("NOT_FOUND");
    expect(await codeOf(viaKey.auth.me())).toBe("FORBIDDEN");
    expect(await codeOf(viaKey.auth.changePassword({ currentPassword: "x", newPassword: "y" }))).toBe("FORBIDDEN");
    expect(await codeOf(viaKey.apiKeys.create({ workspaceId: owner.workspaceId, name: "escalate" }))).toBe("FORBIDDEN");
    expect(await codeOf(viaKey.members.invite({ workspaceId: owner.workspaceId, email: "a@example.test" }))).toBe(
      "FORBIDDEN",
    );
  });

  it("stops working when its creator leaves the workspace", async () => {
    const owner = await h.signUp("keys6");
    const admin = await h.signUp("keys6admin");
    const { token } = await owner
      .as()
      .members.invite({ workspaceId: owner.workspaceId, email: admin.email, role: "ADMIN" });
    await admin.as().members.accept({ token });
    const { key } = await admin.as().apiKeys.create({ workspaceId: owner.workspaceId, name: "admin key" });
    expect(await codeOf(h.call({ bearer: key }).workspaces.get({ workspaceId: owner.workspaceId }))).toBe("OK");
    await owner.as().members.remove({ workspaceId: owner.workspaceId, userId: admin.user.id });
    expect(await codeOf(h.call({ bearer: key }).workspaces.get({ workspaceId: owner.workspaceId }))).toBe(
      "UNAUTHORIZED",
    );
  });
});
