import type { ReactNode } from "react";
import { EmptyState, ErrorText, Spinner } from "../feedback/alert.tsx";

/** What QueryView needs of a TanStack query result (structural, so this package needs no query library). */
export interface QueryLike<T> {
  isPending: boolean;
  isError: boolean;
  error: { message: string } | null;
  data: T | undefined;
}

/**
 * The four states every list and detail has, drawn the same way everywhere: loading, a readable error, an empty
 * state that says what to do, and the data.
 */
export function QueryView<T>({
  query,
  loading = "Loading",
  isEmpty,
  empty,
  children,
}: {
  query: QueryLike<T>;
  loading?: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Spinner label={loading} />;
  if (query.isError || query.data === undefined)
    return <ErrorText error={query.error?.message ?? "Could not load this."} />;
  if (isEmpty?.(query.data)) return <>{empty ?? <EmptyState title="Nothing here yet" />}</>;
  return <>{children(query.data)}</>;
}
