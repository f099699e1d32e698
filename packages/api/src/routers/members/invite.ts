import { createHash, randomBytes } from "node:crypto";
import { erasedHashOf } from "@mailflow/compliance";
import { z } from "zod";
import { AppError, forbidden, notFound } from "../../errors.ts";
import { userProcedure } from "../../procedures/authed.ts";
import { changeDirectory, dbsForWorkspace, dbsOf } from "../../procedures/directory-change.ts";
import { workspaceAdminSessionProcedure, workspaceInput } from "../../procedures/workspace.ts";
import { emailField, roleField } from "../fields.ts";
import { requestFacts } from "../shared.ts";

const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const tokenHashOf = (token: string) => createHash("sha256").update(token).digest("hex");

/** Returns the one-time token once; only its SHA-256 is stored. */
export const inviteMember = workspaceAdminSessionProcedure
  .input(workspaceInput({ email: emailField, role: roleField.default("MEMBER") }))
  .output(z.object({ invitationId: z.string(), token: z.string(), expiresAt: z.date() }))
  .mutation(async ({ ctx, input }) => {
    if (input.role === "OWNER" && ctx.workspace.role !== "OWNER") throw forbidden("Only an owner can invite owners.");
    const db = ctx.globalDb;
    const existing = await db.membership.findFirst({
      where: { workspaceId: ctx.workspace.id, user: { email: input.email } },
    });
    if (existing) throw new AppError("CONFLICT", "This person is already a member of the workspace.");
    const token = randomBytes(32).toString("base64url");
    const emailHash = await erasedHashOf(ctx.deps.db, ctx.workspace.id, input.email);
    return changeDirectory(dbsOf(ctx), async (tx) => {
      const invitation = await tx.invitation.create({
        data: {
          workspaceId: ctx.workspace.id,
          email: input.email,
          role: input.role,
          tokenHash: tokenHashOf(token),
          invitedById: ctx.principal.userId,
          expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
        },
      });
      return {
        result: { invitationId: invitation.id, token, expiresAt: invitation.expiresAt },
        audit: [
          {
            action: "member.invited",
            actor: ctx.actor,
            workspaceId: ctx.workspace.id,
            target: { type: "invitation", id: invitation.id },
            // The invitee's address as the salted hash: the trail is permanent, the address may be erased later.
            metadata: { emailHash, role: input.role },
            ...requestFacts(ctx),
          },
        ],
      };
    });
  });

export const revokeInvitation = workspaceAdminSessionProcedure
  .input(workspaceInput({ invitationId: z.uuid() }))
  .output(z.object({ ok: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    const { count } = await ctx.globalDb.invitation.updateMany({
      where: { id: input.invitationId, workspaceId: ctx.workspace.id, acceptedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw notFound("Invitation");
    return { ok: true as const };
  });

/** The invited person, signed in with the invited email address, joins with the token. */
export const acceptInvitation = userProcedure
  .input(z.strictObject({ token: z.string().min(1).max(200) }))
  .output(z.object({ workspaceId: z.string(), role: roleField }))
  .mutation(async ({ ctx, input }) => {
    const { db } = ctx.deps;
    const userId = ctx.principal.userId;
    const invitation = await db.invitation.findUnique({ where: { tokenHash: tokenHashOf(input.token) } });
    if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= new Date()) {
      throw new AppError("NOT_FOUND", "This invitation is invalid, was already used or has expired.");
    }
    const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
    if (user.email !== invitation.email) {
      throw forbidden("This invitation was sent to another email address. Sign in with that address to accept it.");
    }
    return changeDirectory(await dbsForWorkspace(ctx.deps.regions, invitation.workspaceId), async (tx) => {
      // Conditional update: of two concurrent accepts, only one finds the invitation still open.
      const claimed = await tx.invitation.updateMany({
        where: { id: invitation.id, acceptedAt: null, revokedAt: null },
        data: { acceptedAt: new Date() },
      });
      if (claimed.count === 0) throw new AppError("NOT_FOUND", "This invitation was already used.");
      const already = await tx.membership.findUnique({
        where: { workspaceId_userId: { workspaceId: invitation.workspaceId, userId } },
      });
      if (already) throw new AppError("CONFLICT", "You are already a member of this workspace.");
      await tx.membership.create({ data: { workspaceId: invitation.workspaceId, userId, role: invitation.role } });
      return {
        result: { workspaceId: invitation.workspaceId, role: invitation.role },
        audit: [
          {
            action: "member.joined",
            actor: { type: "user", id: userId },
            workspaceId: invitation.workspaceId,
            target: { type: "user", id: userId },
            metadata: { role: invitation.role, invitationId: invitation.id },
            ...requestFacts(ctx),
          },
        ],
      };
    });
  });
