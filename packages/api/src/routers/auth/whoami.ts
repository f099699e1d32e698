import { z } from "zod";
import { authedProcedure } from "../../procedures/authed.ts";
import { regionField, roleField } from "../fields.ts";

/**
 * Who the caller is, for any credential: a person (with whether they operate the platform) or an API key (with
 * the one workspace it acts in, and its creator's role there). Clients that sign in with an API key (the desktop
 * app, integrations) learn their workspace from it.
 */
export const whoami = authedProcedure
  .meta({ scope: "user" })
  .output(
    z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("user"), userId: z.string(), email: z.string(), platformAdmin: z.boolean() }),
      z.object({
        kind: z.literal("apiKey"),
        apiKeyId: z.string(),
        workspace: z.object({ id: z.string(), name: z.string(), role: roleField, region: regionField }),
      }),
    ]),
  )
  .query(async ({ ctx }) => {
    const { principal } = ctx;
    const { db } = ctx.deps;
    if (principal.kind === "user") {
      const user = await db.user.findUniqueOrThrow({ where: { id: principal.userId } });
      return { kind: "user" as const, userId: user.id, email: user.email, platformAdmin: user.platformAdmin };
    }
    const membership = await db.membership.findUniqueOrThrow({
      where: { workspaceId_userId: { workspaceId: principal.workspaceId, userId: principal.userId } },
      include: { workspace: true },
    });
    return {
      kind: "apiKey" as const,
      apiKeyId: principal.apiKeyId,
      workspace: {
        id: membership.workspace.id,
        name: membership.workspace.name,
        role: membership.role,
        region: membership.workspace.region,
      },
    };
  });
