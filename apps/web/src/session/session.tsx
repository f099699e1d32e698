import type { RouterOutputs } from "@mailflow/api-client";
import { useTRPC } from "@mailflow/api-client/react";
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

/** The workspace named in the URL (/w/:workspaceId/...), as the signed-in user's membership sees it. */
export function useWorkspace(): WorkspaceSummary {
  const { workspaceId } = useParams();
  const me = useMe();
  const workspace = me.workspaces.find((w) => w.id === workspaceId);
  if (!workspace) throw new WorkspaceNotFound();
  return workspace;
}

export class WorkspaceNotFound extends Error {
  constructor() {
    super("This workspace does not exist or you are not a member of it.");
  }
}

export const isAdmin = (role: WorkspaceSummary["role"]) => role === "OWNER" || role === "ADMIN";
