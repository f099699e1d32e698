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

/**
 * Prisma's arguments for one page after an id cursor: one row more than asked, which tells whether a next page
 * exists. The caller orders by something that ends in the id, so the cursor is stable.
 */
export const pageArgs = (input: { cursor?: string | undefined; limit: number }) => ({
  take: input.limit + 1,
  ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
});

/** The page's rows as the response shows them, and the next page's cursor (the last row's id) if there is one. */
export function toPage<Row extends { id: string }, Item>(rows: Row[], limit: number, show: (row: Row) => Item) {
  const page = rows.slice(0, limit);
  return { items: page.map(show), nextCursor: rows.length > limit ? page.at(-1)!.id : null };
}
