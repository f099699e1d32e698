import { InboxesPage as InboxesPanel } from "@mailflow/features";
import { Link } from "react-router";

/** The shared inboxes panel, with the web dashboard's way to connect one: its own page. */
export function InboxesPage() {
  return (
    <InboxesPanel
      connectAction={
        <Link
          to="connect"
          className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500"
        >
          Connect inbox
        </Link>
      }
    />
  );
}
