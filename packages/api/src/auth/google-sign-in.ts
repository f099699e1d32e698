import { randomBytes } from "node:crypto";
import { record } from "@mailflow/audit";
import { z } from "zod";
import type { Context } from "../context.ts";
import { AppError } from "../errors.ts";
import { requestFacts } from "../routers/shared.ts";
import { createAccount } from "./new-account.ts";
import { startSession } from "./sessions.ts";

/** The ID token claims MailFlow reads (scopes openid, email, profile give exactly these). */
export const googleClaimsSchema = z.object({
  sub: z.string().min(1).max(255),
  email: z.email().max(254).optional(),
  email_verified: z.boolean().optional(),
  name: z.string().max(200).optional(),
});
export type GoogleClaims = z.infer<typeof googleClaimsSchema>;

export type GoogleSignInOutcome = "signed_in" | "linked" | "signed_up";

/**
 * Signs a person in with the Google account the ID token names, in a cookie session:
 * - an account already linked to that Google subject signs in;
 * - otherwise only an address Google has verified counts: an account with that address gets linked, and with no
 *   account one is created (with its first workspace). An unverified address links nothing and creates nothing, so
 *   a Google account claiming someone else's address never reaches their MailFlow account.
 * Audited (auth.login / auth.google_linked / auth.signed_up with method "google").
 */
export async function signInWithGoogle(ctx: Context, claims: GoogleClaims): Promise<GoogleSignInOutcome> {
  const { db } = ctx.deps;
  const facts = requestFacts(ctx);
  const linked = await db.user.findUnique({ where: { googleSubject: claims.sub } });
  if (linked) {
    await db.$transaction(async (tx) => {
      await record(tx, {
        action: "auth.login",
        actor: { type: "user", id: linked.id },
        metadata: { method: "google" },
        ...facts,
      });
      await startSession(ctx, tx, linked, "cookie");
    });
    return "signed_in";
  }
  if (!claims.email || claims.email_verified !== true)
    throw new AppError(
      "FORBIDDEN",
      "Google has not verified this account's email address, so it cannot sign in to MailFlow. Use your password.",
    );
  const email = claims.email.trim().toLowerCase();
  const existing = await db.user.findUnique({ where: { email } });
  if (existing) {
    if (existing.googleSubject)
      throw new AppError("CONFLICT", "This MailFlow account is linked to a different Google account.");
    await db.$transaction(async (tx) => {
      const user = await tx.user.update({ where: { id: existing.id }, data: { googleSubject: claims.sub } });
      const actor = { type: "user", id: user.id } as const;
      await record(tx, { action: "auth.google_linked", actor, target: { type: "user", id: user.id }, ...facts });
      await record(tx, { action: "auth.login", actor, metadata: { method: "google" }, ...facts });
      await startSession(ctx, tx, user, "cookie");
    });
    return "linked";
  }
  // A new account: it has no password of its own (a random one nobody knows); signing in is through Google.
  const passwordHash = await ctx.deps.passwords.hash(randomBytes(32).toString("base64"));
  const name = claims.name?.trim() || email.slice(0, email.indexOf("@"));
  await db.$transaction(async (tx) => {
    const user = await createAccount(ctx, tx, { email, name, passwordHash, googleSubject: claims.sub });
    await startSession(ctx, tx, user, "cookie");
  });
  return "signed_up";
}
