import { z } from "zod";
import { MAX_PASSWORD_LENGTH } from "../auth/password-policy.ts";

/** Shared input fields. Text is stored exactly as given (after trimming); escaping is the renderer's job. */
const noControlChars = /^[^\p{Cc}]*$/u;

export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ error: "Enter a valid email address." }));

export const nameField = z
  .string()
  .trim()
  .min(1, "Enter a name.")
  .max(100, "Use at most 100 characters.")
  .regex(noControlChars, "Remove control characters.");

/** Length and strength are checked by passwordProblem() so the message can say what is wrong. */
export const passwordField = z.string().max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`);

export const sessionTransportField = z.enum(["cookie", "bearer"]).default("cookie");

export const regionField = z.enum(["EU", "US"]);
export const roleField = z.enum(["OWNER", "ADMIN", "MEMBER"]);
