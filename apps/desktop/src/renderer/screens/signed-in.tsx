import { useTRPC } from "@mailflow/api-client/react";
import type { FeatureScope } from "@mailflow/features";
import { Button, cn, ErrorText, Spinner } from "@mailflow/ui";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { DesktopSession } from "../../shared/bridge.ts";
import { AdminScreen } from "./admin.tsx";
import { OverviewScreen } from "./overview.tsx";
import { WorkspaceScreen } from "./workspace.tsx";

/** A workspace this credential reaches: the shared features' own notion of it. */
export type WorkspaceEntry = FeatureScope["workspace"];
type Screen = { kind: "overview" } | { kind: "workspace"; id: string } | { kind: "admin" };

/**
 * Everything after sign-in: the workspaces this credential reaches (a person's memberships, or an API key's one
 * workspace), each with its admin panels, and the platform-operator screens for operators.
 */
export function SignedIn({ session, onSignOut }: { session: DesktopSession; onSignOut: () => void }) {
  const trpc = useTRPC();
  const who = useQuery(trpc.auth.whoami.queryOptions());
  const me = useQuery({ ...trpc.auth.me.queryOptions(), enabled: who.data?.kind === "user" });
  const [screen, setScreen] = useState<Screen>({ kind: "overview" });

  if (who.isPending || (who.data?.kind === "user" && me.isPending)) return <Spinner label="Loading your workspaces" />;
  if (who.isError) {
    return (
      <div className="space-y-3 p-8">
        <ErrorText error={who.error.message} />
        <Button variant="secondary" onClick={onSignOut}>
          Sign in again
        </Button>
      </div>
    );
  }
  const workspaces: WorkspaceEntry[] = who.data.kind === "apiKey" ? [who.data.workspace] : (me.data?.workspaces ?? []);
  const user: FeatureScope["user"] = who.data.kind === "user" ? { id: who.data.userId, email: who.data.email } : null;
  const platformAdmin = who.data.kind === "user" && who.data.platformAdmin;
  const current = screen.kind === "workspace" ? workspaces.find((w) => w.id === screen.id) : undefined;

  const navButton = (label: string, active: boolean, onClick: () => void) => (
    <button
      key={label}
      type="button"
      onClick={onClick}
      aria-current={active ? "page" : undefined}
      className={cn(
        "block w-full truncate rounded-md px-2.5 py-1.5 text-left text-sm",
        active ? "bg-indigo-50 font-medium text-indigo-700" : "text-slate-700 hover:bg-slate-100",
      )}
    >
      {label}
    </button>
  );

  return (
    <div className="flex min-h-full">
      <aside className="sticky top-0 flex h-screen w-60 shrink-0 flex-col border-r border-slate-200 bg-white">
        <div className="px-4 py-3 font-semibold text-indigo-700">MailFlow Admin</div>
        <nav aria-label="Main" className="flex-1 space-y-0.5 overflow-y-auto px-3">
          {navButton("Overview", screen.kind === "overview", () => setScreen({ kind: "overview" }))}
          <p className="px-2.5 pt-3 pb-1 text-xs font-medium uppercase tracking-wide text-slate-400">Workspaces</p>
          {workspaces.map((w) =>
            navButton(w.name, screen.kind === "workspace" && screen.id === w.id, () =>
              setScreen({ kind: "workspace", id: w.id }),
            ),
          )}
          {platformAdmin ? (
            <>
              <p className="px-2.5 pt-3 pb-1 text-xs font-medium uppercase tracking-wide text-slate-400">Platform</p>
              {navButton("Operator", screen.kind === "admin", () => setScreen({ kind: "admin" }))}
            </>
          ) : null}
        </nav>
        <div className="border-t border-slate-200 p-3 text-xs text-slate-500">
          <p className="truncate" title={session.label}>
            {session.label}
          </p>
          <p className="truncate" title={session.serverUrl}>
            {session.serverUrl}
          </p>
          <Button size="sm" variant="secondary" className="mt-2 w-full" onClick={onSignOut}>
            Sign out
          </Button>
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-8 py-6">
        {screen.kind === "overview" ? (
          <OverviewScreen workspaces={workspaces} onOpen={(id) => setScreen({ kind: "workspace", id })} />
        ) : null}
        {current ? (
          <WorkspaceScreen key={current.id} scope={{ workspace: current, user, serverUrl: session.serverUrl }} />
        ) : null}
        {screen.kind === "admin" && platformAdmin ? <AdminScreen /> : null}
      </main>
    </div>
  );
}
