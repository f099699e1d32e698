import type { FastifyError, FastifyInstance } from "fastify";

const GENERIC_MESSAGE = "Something went wrong on our side. Please try again.";

/**
 * Errors outside tRPC (body too large, malformed body, unknown route) become one JSON shape with a readable
 * message; a 5xx never shows its cause, only a request id to quote to support.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, "request failed");
      return reply
        .code(status)
        .send({ error: { code: "INTERNAL_SERVER_ERROR", message: GENERIC_MESSAGE, requestId: request.id } });
    }
    return reply.code(status).send({ error: { code: codeFor(status), message: messageFor(error, status) } });
  });

  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send({ error: { code: "NOT_FOUND", message: "There is nothing at this address." } }),
  );
}

function codeFor(status: number): string {
  if (status === 413) return "PAYLOAD_TOO_LARGE";
  if (status === 415) return "UNSUPPORTED_MEDIA_TYPE";
  if (status === 429) return "TOO_MANY_REQUESTS";
  if (status === 403) return "FORBIDDEN";
  return "BAD_REQUEST";
}

function messageFor(error: FastifyError, status: number): string {
  if (status === 413) return "The request body is too large.";
  if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") return "Send the request body as application/json.";
  if (error.code?.startsWith("FST_CSRF")) return "Missing or invalid CSRF token. Reload the page and try again.";
  if (error.code === "FST_ERR_CTP_INVALID_JSON_BODY" || error.code === "FST_ERR_CTP_EMPTY_JSON_BODY") {
    return "The request body is not valid JSON.";
  }
  return error.message;
}
