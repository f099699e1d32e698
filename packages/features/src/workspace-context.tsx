import { createContext, type ReactNode, useContext } from "react";

export type Role = "OWNER" | "ADMIN" | "MEMBER";

/** The workspace a feature works in and who is at the keyboard, provided by the app (web: the URL; desktop: its picker). */
export interface FeatureScope {
  workspace: { id: string; name: string; role: Role; region: "EU" | "US" };
  /** The signed-in person; null when the app is signed in with an API key. */
  user: { id: string; email: string } | null;
  /** The server's public origin, for links people open in a browser (invitations). */
  serverUrl: string;
}

const ScopeContext = createContext<FeatureScope | null>(null);

export function WorkspaceScope({ scope, children }: { scope: FeatureScope; children: ReactNode }) {
  return <ScopeContext.Provider value={scope}>{children}</ScopeContext.Provider>;
}

function useScope(): FeatureScope {
  const scope = useContext(ScopeContext);
  if (!scope) throw new Error("A workspace feature was rendered outside <WorkspaceScope>.");
  return scope;
}

export const useWorkspace = () => useScope().workspace;
export const useCurrentUser = () => useScope().user;
export const useServerUrl = () => useScope().serverUrl;

export const isAdmin = (role: Role) => role === "OWNER" || role === "ADMIN";
