import { TRPCClientError } from "@trpc/client";

const OFFLINE = "The server could not be reached. Check your connection and try again.";

/** A sentence a person can act on, for any error a call may throw. Never a stack trace. */
export function describeApiError(error: unknown): string {
  if (error instanceof TRPCClientError) {
    const message = typeof error.message === "string" ? error.message : "";
    if (!error.data && /fetch|network/i.test(message)) return OFFLINE;
    return message || "The request failed.";
  }
  if (error instanceof Error) return /fetch|network/i.test(error.message) ? OFFLINE : error.message;
  return "Something went wrong.";
}

/** Per-field messages of an input the server refused (zod's flattened field errors), keyed by field name. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof TRPCClientError)) return {};
  const fields = (error.data as { fieldErrors?: Record<string, string[] | undefined> } | undefined)?.fieldErrors;
  if (!fields) return {};
  return Object.fromEntries(
    Object.entries(fields).flatMap(([name, messages]) => (messages?.[0] ? [[name, messages[0]]] : [])),
  );
}

/** The server's typed error code (WEAK_PASSWORD, CONFLICT, ...), for a page that places the message by it. */
export function appCodeOf(error: unknown): string | null {
  if (!(error instanceof TRPCClientError)) return null;
  return (error.data as { appCode?: string | null } | undefined)?.appCode ?? null;
}
