import dumbPasswords from "dumb-passwords";

export const MIN_PASSWORD_LENGTH = 12;
/** Generous: passphrases are welcome. Pre-hashing (passwords.ts) makes the bcrypt 72-byte limit irrelevant. */
export const MAX_PASSWORD_LENGTH = 256;

/**
 * Returns why a new password is unacceptable, or null. The list is the 10,000 most common passwords
 * (dumb-passwords); we also refuse a listed password padded with digits or symbols ("password12345!").
 */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  if (new Set(password).size < 4) return "This password is too repetitive.";
  const core = password.replace(/[\d\W_]+$/u, "");
  if (dumbPasswords.check(password) || (core.length >= 4 && dumbPasswords.check(core))) {
    return "This password is among the most common passwords. Choose another.";
  }
  const localPart = email?.split("@")[0]?.toLowerCase();
  if (localPart && localPart.length >= 4 && password.toLowerCase().includes(localPart)) {
    return "Do not use your email address in your password.";
  }
  return null;
}
