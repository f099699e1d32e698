import { appCodeOf, describeApiError, fieldErrorsOf } from "@mailflow/api-client";

/**
 * A mutation's failure as a page shows it: one sentence, per-field messages for the form's fields, and the
 * server's error code so a page can put a message next to the control it concerns.
 */
export function actionError(mutation: { error: unknown }) {
  const { error } = mutation;
  const fields = error ? fieldErrorsOf(error) : ({} as Record<string, string>);
  const message = error ? describeApiError(error) : null;
  return {
    message,
    fields,
    code: error ? appCodeOf(error) : null,
    /** The message when no field-level message already says it. */
    general: Object.keys(fields).length ? null : message,
  };
}

export { describeApiError };
