import { providerPresets } from "@mailflow/mail";
import { z } from "zod";
import { notFound } from "../../errors.ts";
import { userProcedure } from "../../procedures/authed.ts";
import { workspaceInput, workspaceProcedure } from "../../procedures/workspace.ts";
import { pageArgs, toPage } from "../shared.ts";
import { publicInboxSchema, toPublicInbox } from "./schemas.ts";

export const listInboxes = workspaceProcedure
  .input(
    workspaceInput({
      status: z.enum(["ACTIVE", "PAUSED", "ERROR"]).optional(),
      cursor: z.uuid().optional(),
      limit: z.number().int().min(1).max(200).default(50),
    }),
  )
  .output(z.object({ items: z.array(publicInboxSchema), nextCursor: z.string().nullable() }))
  .query(async ({ ctx, input }) => {
    const rows = await ctx.deps.db.inbox.findMany({
      where: { workspaceId: ctx.workspace.id, ...(input.status ? { status: input.status } : {}) },
      orderBy: { id: "asc" },
      ...pageArgs(input),
    });
    return toPage(rows, input.limit, toPublicInbox);
  });

export const getInbox = workspaceProcedure
  .input(workspaceInput({ inboxId: z.uuid() }))
  .output(publicInboxSchema)
  .query(async ({ ctx, input }) => {
    const inbox = await ctx.deps.db.inbox.findFirst({ where: { id: input.inboxId, workspaceId: ctx.workspace.id } });
    if (!inbox) throw notFound("Inbox");
    return toPublicInbox(inbox);
  });

/** Host, port and security of the common providers, for the connect form. */
export const listPresets = userProcedure
  .output(
    z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        smtp: z.object({ host: z.string(), port: z.number(), security: z.enum(["tls", "starttls"]) }),
        imap: z.object({ host: z.string(), port: z.number(), security: z.enum(["tls", "starttls"]) }),
        appPasswordHelp: z.string(),
      }),
    ),
  )
  .query(() => providerPresets.map((p) => ({ ...p })));
