import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf, createHarness, type Harness } from "../../testing/harness.ts";

const h: Harness = createHarness();
afterAll(() => h.close());

type Account = Awaited<ReturnType<Harness["signUp"]>>;
let owner: Account;
let admin: Account;
let member: Account;
let workspaceId: string;

async function join(account: Account, role: "OWNER" | "ADMIN" | "MEMBER") {
  const { token } = await owner.as().members.invite({ workspaceId, email: account.email, role });
  return account.as().members.accept({ token });
}

beforeAll(async () => {
  owner = await h.signUp("owner");
  admin = await h.signUp("admin");
  member = await h.signUp("member");
  workspaceId = owner.workspaceId;
  await join(admin, "ADMIN");
  await join(member, "MEMBER");
});

describe("invitations", () => {
  it("joins with the invited role, once", async () => {
    const newcomer = await h.signUp("newcomer");
    const { token } = await owner.as().members.invite({ workspaceId, email: newcomer.email });
    expect(await newcomer.as().members.accept({ token })).toEqual({ workspaceId, role: "MEMBER" });
    expect(await codeOf(newcomer.as().members.accept({ token }))).toBe("NOT_FOUND");
    const { members } = await member.as().members.list({ workspaceId });
    expect(members.map((m) => m.email)).toContain(newcomer.email);
  });

  it("stores only a hash of the token", async () => {
    const { token, invitationId } = await owner.as().members.invite({ workspaceId, email: "hash@example.test" });
    const row = await h.db.invitation.findUniqueOrThrow({ where: { id: invitationId } });
    expect(row.tokenHash).not.toContain(token);
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("cannot be used after revocation or expiry", async () => {
    const late = await h.signUp("late");
    const revoked = await owner.as().members.invite({ workspaceId, email: late.email });
    await owner.as().members.revokeInvitation({ workspaceId, invitationId: revoked.invitationId });
    expect(await codeOf(late.as().members.accept({ token: revoked.token }))).toBe("NOT_FOUND");
    const expired = await owner.as().members.invite({ workspaceId, email: late.email });
    await h.db.invitation.update({
      where: { id: expired.invitationId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await codeOf(late.as().members.accept({ token: expired.token }))).toBe("NOT_FOUND");
  });

  it("refuses to invite someone who is already a member", async () => {
    expect(await codeOf(owner.as().members.invite({ workspaceId, email: member.email }))).toBe("CONFLICT");
  });

  it("members cannot invite; admins cannot invite owners; owners can", async () => {
    expect(await codeOf(member.as().members.invite({ workspaceId, email: "m@example.test" }))).toBe("FORBIDDEN");
    expect(await codeOf(admin.as().members.invite({ workspaceId, email: "o@example.test", role: "OWNER" }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(admin.as().members.invite({ workspaceId, email: "a@example.test", role: "ADMIN" }))).toBe("OK");
    expect(await codeOf(owner.as().members.invite({ workspaceId, email: "o@example.test", role: "OWNER" }))).toBe("OK");
  });

  it("members do not see pending invitations; admins do", async () => {
    expect((await member.as().members.list({ workspaceId })).invitations).toEqual([]);
    expect((await admin.as().members.list({ workspaceId })).invitations.length).toBeGreaterThan(0);
  });
});

describe("roles", () => {
  it("members cannot rename the workspace or manage keys; admins can", async () => {
    expect(await codeOf(member.as().workspaces.rename({ workspaceId, name: "Nope" }))).toBe("FORBIDDEN");
    expect(await codeOf(member.as().apiKeys.list({ workspaceId }))).toBe("FORBIDDEN");
    expect(await codeOf(member.as().apiKeys.create({ workspaceId, name: "k" }))).toBe("FORBIDDEN");
    expect(await codeOf(admin.as().workspaces.rename({ workspaceId, name: "Renamed by admin" }))).toBe("OK");
    expect((await member.as().workspaces.get({ workspaceId })).name).toBe("Renamed by admin");
  });

  it("members can read but not change the sender identity; admins can", async () => {
    const identity = { workspaceId, companyName: "Acme GmbH", postalAddress: "Hauptstr. 1\n10115 Berlin\nGermany" };
    expect(await codeOf(member.as().workspaces.updateSenderIdentity(identity))).toBe("FORBIDDEN");
    const updated = await admin.as().workspaces.updateSenderIdentity(identity);
    expect(updated).toMatchObject({ senderCompany: "Acme GmbH", senderAddress: "Hauptstr. 1\n10115 Berlin\nGermany" });
  });

  it("admins cannot remove, demote or promote owners", async () => {
    expect(await codeOf(admin.as().members.remove({ workspaceId, userId: owner.user.id }))).toBe("FORBIDDEN");
    expect(await codeOf(admin.as().members.changeRole({ workspaceId, userId: owner.user.id, role: "MEMBER" }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(admin.as().members.changeRole({ workspaceId, userId: member.user.id, role: "OWNER" }))).toBe(
      "FORBIDDEN",
    );
  });

  it("members cannot remove others or change roles", async () => {
    expect(await codeOf(member.as().members.remove({ workspaceId, userId: admin.user.id }))).toBe("FORBIDDEN");
    expect(await codeOf(member.as().members.changeRole({ workspaceId, userId: member.user.id, role: "ADMIN" }))).toBe(
      "FORBIDDEN",
    );
  });

  it("the last owner can neither leave nor be demoted; with a second owner they can", async () => {
    expect(await codeOf(owner.as().members.remove({ workspaceId, userId: owner.user.id }))).toBe("CONFLICT");
    expect(await codeOf(owner.as().members.changeRole({ workspaceId, userId: owner.user.id, role: "ADMIN" }))).toBe(
      "CONFLICT",
    );
    const second = await h.signUp("second-owner");
    await join(second, "OWNER");
    expect(await codeOf(owner.as().members.changeRole({ workspaceId, userId: second.user.id, role: "ADMIN" }))).toBe(
      "OK",
    );
    expect(await codeOf(owner.as().members.changeRole({ workspaceId, userId: second.user.id, role: "OWNER" }))).toBe(
      "OK",
    );
    expect(await codeOf(second.as().members.remove({ workspaceId, userId: second.user.id }))).toBe("OK");
  });

  it("admins manage members; anyone may leave; a removed member loses access at once", async () => {
    const temp = await h.signUp("temp");
    await join(temp, "MEMBER");
    expect(await codeOf(admin.as().members.changeRole({ workspaceId, userId: temp.user.id, role: "ADMIN" }))).toBe(
      "OK",
    );
    expect(await codeOf(admin.as().members.remove({ workspaceId, userId: temp.user.id }))).toBe("OK");
    expect(await codeOf(temp.as().workspaces.get({ workspaceId }))).toBe("NOT_FOUND");
    const leaver = await h.signUp("leaver");
    await join(leaver, "MEMBER");
    expect(await codeOf(leaver.as().members.remove({ workspaceId, userId: leaver.user.id }))).toBe("OK");
  });

  it("records member and key changes in the workspace audit trail", async () => {
    const actions = new Set(
      (await h.db.auditEvent.findMany({ where: { workspaceId }, select: { action: true } })).map((e) => e.action),
    );
    for (const action of [
      "workspace.created",
      "workspace.renamed",
      "workspace.sender_identity_updated",
      "member.invited",
      "member.joined",
      "member.role_changed",
      "member.removed",
    ]) {
      expect(actions).toContain(action);
    }
  });
});
