/**
 * The one error type services throw. `userMessage` is safe to show; anything else about the failure stays in logs.
 * The tRPC layer maps `code` to a transport code exactly once (see trpc.ts).
 */
export type AppErrorCode =
  | "INVALID_INPUT"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "WEAK_PASSWORD";

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    readonly userMessage: string,
    readonly details: { retryAfterSeconds?: number } = {},
  ) {
    super(userMessage);
    this.name = "AppError";
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found.`);
export const forbidden = (why: string) => new AppError("FORBIDDEN", why);
