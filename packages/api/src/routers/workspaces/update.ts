import { z } from "zod";
import { updateDirectoryEntry } from "../../procedures/directory-change.ts";
import { workspaceAdminProcedure, workspaceInput } from "../../procedures/workspace.ts";
import { nameField } from "../fields.ts";
import { requestFacts } from "../shared.ts";
import { toWorkspace, workspaceSchema } from "./schemas.ts";

export const renameWorkspace = workspaceAdminProcedure
  .input(workspaceInput({ name: nameField }))
  .output(workspaceSchema)
  .mutation(async ({ ctx, input }) => {
    const workspace = await updateDirectoryEntry(ctx.deps.regions, ctx.workspace.id, async (tx) => {
      const before = await tx.workspace.findUniqueOrThrow({ where: { id: ctx.workspace.id } });
      const workspace = await tx.workspace.update({ where: { id: ctx.workspace.id }, data: { name: input.name } });
      return {
        workspace,
        audit: [
          {
            action: "workspace.renamed",
            actor: ctx.actor,
            workspaceId: workspace.id,
            target: { type: "workspace", id: workspace.id },
            metadata: { from: before.name, to: workspace.name },
            ...requestFacts(ctx),
          },
        ],
      };
    });
    return toWorkspace(workspace);
  });

const postalAddressField = z
  .string()
  .trim()
  .min(10, "Enter the full postal address (street, city, postcode, country).")
  .max(500, "Use at most 500 characters.")
  .regex(/^[^\p{Cc}]*(?:\n[^\p{Cc}]*)*$/u, "Remove control characters.");

/** The sender identity (company and physical address) that anti-spam law requires in every message footer. */
export const updateSenderIdentity = workspaceAdminProcedure
  .input(
    workspaceInput({
      companyName: z.string().trim().min(1, "Enter the company name.").max(200),
      postalAddress: postalAddressField,
    }),
  )
  .output(workspaceSchema)
  .mutation(async ({ ctx, input }) => {
    const workspace = await updateDirectoryEntry(ctx.deps.regions, ctx.workspace.id, async (tx) => {
      const workspace = await tx.workspace.update({
        where: { id: ctx.workspace.id },
        data: { senderCompany: input.companyName, senderAddress: input.postalAddress },
      });
      return {
        workspace,
        audit: [
          {
            action: "workspace.sender_identity_updated",
            actor: ctx.actor,
            workspaceId: workspace.id,
            target: { type: "workspace", id: workspace.id },
            ...requestFacts(ctx),
          },
        ],
      };
    });
    return toWorkspace(workspace);
  });
