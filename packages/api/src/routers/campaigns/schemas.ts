import type { Campaign } from "@mailflow/db";
import { z } from "zod";

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use HH:MM, e.g. 09:00.");

export const variantInput = z.strictObject({
  subject: z.string().min(1, "Enter a subject.").max(500),
  body: z.string().min(1, "Enter the message.").max(50_000),
  bodyFormat: z.enum(["text", "html"]).default("text"),
  weight: z.number().int().min(0).max(100).default(50),
});
export const stepInput = z.strictObject({
  delayMinutes: z
    .number()
    .int()
    .min(0)
    .max(365 * 24 * 60),
  variants: z.array(variantInput).min(1).max(5),
});
export type StoredVariant = z.infer<typeof variantInput> & { id: string };

/** Step rows with their variants typed: the JSON column is validated on every write (content.ts). */
export function storedSteps<T extends { variants: unknown }>(rows: T[]): (T & { variants: StoredVariant[] })[] {
  return rows.map((row) => ({ ...row, variants: row.variants as StoredVariant[] }));
}

export const campaignSettingsShape = {
  name: z.string().trim().min(1).max(200),
  sendDays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  windowStart: hhmm,
  windowEnd: hhmm,
  timeZone: z.string().min(1).max(64),
  useLeadTimeZone: z.boolean(),
  dailyCap: z.number().int().min(1).max(100_000),
  stopOnReply: z.boolean(),
  stopOnAutoReply: z.boolean(),
  trackingEnabled: z.boolean(),
};

export const campaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(["DRAFT", "ACTIVE", "PAUSED", "COMPLETED"]),
  sendDays: z.array(z.number()),
  windowStart: z.string(),
  windowEnd: z.string(),
  timeZone: z.string(),
  useLeadTimeZone: z.boolean(),
  dailyCap: z.number(),
  stopOnReply: z.boolean(),
  stopOnAutoReply: z.boolean(),
  trackingEnabled: z.boolean(),
  launchedAt: z.date().nullable(),
  createdAt: z.date(),
});

export const toCampaign = ({ workspaceId: _w, updatedAt: _u, ...campaign }: Campaign) => campaign;
