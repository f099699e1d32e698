import type { RouterOutputs } from "@mailflow/api-client";
import { useTRPC } from "@mailflow/api-client/react";
import { WorkspaceScope } from "@mailflow/features/scope";
import { Spinner } from "@mailflow/ui";
import { useQuery } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext } from "react";
import { Navigate, useLocation, useParams } from "react-router";

export type Me = RouterOutputs["auth"]["me"];
export type WorkspaceSummary = Me["workspaces"][number];

const MeContext = createContext<Me | null>(null);

/** Renders its children only for a signed-in user; anyone else goes to the log-in page and comes back after. */
export function RequireSession({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const location = useLocation();
  const me = useQuery({ ...trpc.auth.me.queryOptions(), retry: false });
  if (me.isPending) return <Spinner label="Loading your account" />;
  if (me.isError) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  return <MeContext.Provider value={me.data}>{children}</MeContext.Provider>;
}

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error("useMe outside RequireSession");
  return me;
}

/**
 * Provides the workspace named in the URL (/w/:workspaceId/...) to every page and shared feature below it, as
 * the signed-in user's membership sees it. An id that is not one of theirs shows a readable error.
 */
export function WorkspaceFromUrl({ children }: { children: ReactNode }) {
  const { workspaceId } = useParams();
  const me = useMe();
  const workspace = me.workspaces.find((w) => w.id === workspaceId);
  if (!workspace) throw new WorkspaceNotFound();
  return (
    <WorkspaceScope scope={{ workspace, user: { id: me.user.id, email: me.user.email }, serverUrl: location.origin }}>
      {children}
    </WorkspaceScope>
  );
}

export class WorkspaceNotFound extends Error {
  constructor() {
    super("This workspace does not exist or you are not a member of it.");
  }
}

// The entry chunk imports only the scope, not the shared panels (they load with their pages).
export { isAdmin, useWorkspace } from "@mailflow/features/scope";
