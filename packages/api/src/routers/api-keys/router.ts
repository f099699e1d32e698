import bcrypt from "bcrypt";
import { z } from "zod";
import { generateApiKey } from "../../auth/api-key-format.ts";
import { BCRYPT_COST } from "../../auth/passwords.ts";
import { notFound } from "../../errors.ts";
import { changeDirectory, dbsOf } from "../../procedures/directory-change.ts";
import { workspaceAdminProcedure, workspaceAdminSessionProcedure, workspaceInput } from "../../procedures/workspace.ts";
import { router } from "../../trpc.ts";
import { nameField } from "../fields.ts";
import { requestFacts } from "../shared.ts";

/** What anyone may see of a key: never its secret nor its hash. */
const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  createdAt: z.date(),
});
const toPublicKey = (k: z.infer<typeof apiKeySchema>) => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  lastUsedAt: k.lastUsedAt,
  revokedAt: k.revokedAt,
  createdAt: k.createdAt,
});

const createApiKey = workspaceAdminSessionProcedure
  .input(workspaceInput({ name: nameField }))
  .output(apiKeySchema.extend({ key: z.string() }))
  .mutation(async ({ ctx, input }) => {
    const { key, prefix, secret } = generateApiKey();
    const secretHash = await bcrypt.hash(secret, BCRYPT_COST);
    return changeDirectory(dbsOf(ctx), async (tx) => {
      const row = await tx.apiKey.create({
        data: {
          workspaceId: ctx.workspace.id,
          createdById: ctx.principal.userId,
          name: input.name,
          prefix,
          secretHash,
        },
      });
      return {
        // The only time the full key leaves the server.
        result: { ...toPublicKey(row), key },
        audit: [
          {
            action: "api_key.created",
            actor: ctx.actor,
            workspaceId: ctx.workspace.id,
            target: { type: "api_key", id: row.id },
            metadata: { name: row.name, prefix },
            ...requestFacts(ctx),
          },
        ],
      };
    });
  });

const listApiKeys = workspaceAdminProcedure
  .input(workspaceInput({}))
  .output(z.array(apiKeySchema))
  .query(async ({ ctx }) => {
    const keys = await ctx.globalDb.apiKey.findMany({
      where: { workspaceId: ctx.workspace.id },
      orderBy: { createdAt: "desc" },
    });
    return keys.map(toPublicKey);
  });

const revokeApiKey = workspaceAdminSessionProcedure
  .input(workspaceInput({ apiKeyId: z.uuid() }))
  .output(apiKeySchema)
  .mutation(async ({ ctx, input }) => {
    const row = await changeDirectory(dbsOf(ctx), async (tx) => {
      const key = await tx.apiKey.findFirst({ where: { id: input.apiKeyId, workspaceId: ctx.workspace.id } });
      if (!key) throw notFound("API key");
      if (key.revokedAt) return { result: key, audit: [] };
      const revoked = await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
      return {
        result: revoked,
        audit: [
          {
            action: "api_key.revoked",
            actor: ctx.actor,
            workspaceId: ctx.workspace.id,
            target: { type: "api_key", id: key.id },
            metadata: { name: key.name, prefix: key.prefix },
            ...requestFacts(ctx),
          },
        ],
      };
    });
    ctx.deps.apiKeys.forget(row.id);
    return toPublicKey(row);
  });

export const apiKeysRouter = router({ create: createApiKey, list: listApiKeys, revoke: revokeApiKey });
