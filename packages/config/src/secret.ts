import { z } from "zod";

/**
 * A server secret (JWT signing key, password pepper, ...). We refuse to start with one that is short or
 * obviously not random, because a guessable key silently turns every session into a forgeable one.
 */
const MIN_SECRET_LENGTH = 32;
const MIN_DISTINCT_CHARS = 12;
const PLACEHOLDERS = ["changeme", "secret", "password", "example", "your-", "xxxx", "0000", "1234"];

export const secretSchema = z.string().superRefine((value, ctx) => {
  if (value.length < MIN_SECRET_LENGTH) {
    ctx.addIssue({
      code: "custom",
      message: `must be at least ${MIN_SECRET_LENGTH} characters of random data (got ${value.length}); generate one with: openssl rand -base64 48`,
    });
    return;
  }
  const lower = value.toLowerCase();
  if (new Set(value).size < MIN_DISTINCT_CHARS || PLACEHOLDERS.some((p) => lower.includes(p))) {
    ctx.addIssue({
      code: "custom",
      message: "looks like a placeholder, not random data; generate one with: openssl rand -base64 48",
    });
  }
});
