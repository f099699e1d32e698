import { useState } from "react";

/** Cursor pages: remembers the cursors already visited so "Previous" needs no offset from the API. */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  return {
    cursor,
    page: cursors.length,
    next: (nextCursor: string | null | undefined) => nextCursor && setCursors((c) => [...c, nextCursor]),
    previous: () => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)),
    reset: () => setCursors([undefined]),
  };
}
