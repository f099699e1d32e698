import { z } from "zod";
import type { Context } from "../context.ts";

/** The request facts every audit event carries. */
export const requestFacts = (ctx: Context) => ({ ip: ctx.request.ip, userAgent: ctx.request.userAgent });

export const publicUserSchema = z.object({ id: z.string(), email: z.string(), name: z.string(), createdAt: z.date() });
export const toPublicUser = (u: z.infer<typeof publicUserSchema>) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  createdAt: u.createdAt,
});

/** What a sign-in returns: the token only for bearer sessions (see auth/sessions.ts). */
export const sessionResultSchema = z.object({
  user: publicUserSchema,
  token: z.string().nullable(),
  expiresAt: z.date(),
});
