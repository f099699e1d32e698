import { z } from "zod";
import { regionField, roleField } from "../fields.ts";

export const workspaceSchema = z.object({
  id: z.string(),
  name: z.string(),
  region: regionField,
  plan: z.enum(["FREE", "PRO", "SCALE"]),
  senderCompany: z.string().nullable(),
  senderAddress: z.string().nullable(),
  createdAt: z.date(),
});

export const workspaceWithRoleSchema = workspaceSchema.extend({ role: roleField });

type WorkspaceRow = z.infer<typeof workspaceSchema>;
export const toWorkspace = (w: WorkspaceRow): WorkspaceRow => ({
  id: w.id,
  name: w.name,
  region: w.region,
  plan: w.plan,
  senderCompany: w.senderCompany,
  senderAddress: w.senderAddress,
  createdAt: w.createdAt,
});
