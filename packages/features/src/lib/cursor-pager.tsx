import { Pager } from "@mailflow/ui";
import type { useCursorPages } from "./pagination.ts";

/** Previous/next for a list the API pages by cursor: `nextCursor` is what the current page returned. */
export function CursorPager({
  pages,
  nextCursor,
}: {
  pages: ReturnType<typeof useCursorPages>;
  nextCursor: string | null;
}) {
  return (
    <Pager
      page={pages.page}
      hasNext={Boolean(nextCursor)}
      onPrevious={pages.previous}
      onNext={() => pages.next(nextCursor)}
    />
  );
}
