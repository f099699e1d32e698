import { initTRPC, TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import superjson from "superjson";
import { ZodError, z } from "zod";
import type { Context } from "./context.ts";
import { AppError, type AppErrorCode } from "./errors.ts";

export interface ProcedureMeta {
  /** "workspace" procedures take a workspaceId and check membership first; tests enumerate them by this. */
  scope: "public" | "user" | "workspace" | "admin";
}

const transportCodes: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  INVALID_INPUT: "BAD_REQUEST",
  WEAK_PASSWORD: "BAD_REQUEST",
  UNAUTHENTICATED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
};

const GENERIC_MESSAGE = "Something went wrong on our side. Please try again.";

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    isDev: false, // never put stack traces in responses
    errorFormatter({ shape, error }) {
      const appError = error.cause instanceof AppError ? error.cause : null;
      const zodError = error.cause instanceof ZodError ? error.cause : null;
      const internal = error.code === "INTERNAL_SERVER_ERROR";
      const badJson = error.cause instanceof SyntaxError;
      return {
        message: internal
          ? GENERIC_MESSAGE
          : zodError
            ? describeZodError(zodError)
            : badJson
              ? "The request body is not valid JSON."
              : shape.message,
        code: shape.code,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          appCode: appError?.code ?? null,
          fieldErrors: zodError ? z.flattenError(zodError).fieldErrors : null,
        },
      };
    },
  });

function describeZodError(error: ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
}

/** Maps an AppError thrown anywhere below to its transport code, once, and sets Retry-After on 429s. */
const mapAppErrors = t.middleware(async ({ ctx, next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const appError = result.error.cause;
    if (appError.details.retryAfterSeconds !== undefined) {
      ctx.response.setHeader("Retry-After", String(appError.details.retryAfterSeconds));
    }
    throw new TRPCError({ code: transportCodes[appError.code], message: appError.userMessage, cause: appError });
  }
  return result;
});

export const router = t.router;
export const middleware = t.middleware;
export const createCallerFactory = t.createCallerFactory;
export const baseProcedure = t.procedure.use(mapAppErrors);
