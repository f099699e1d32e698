import { ApiKeysCard, MembersCard, PlanCard } from "@mailflow/features";
import { PageHeader } from "@mailflow/ui";
import { isAdmin, useWorkspace } from "../../session/session.tsx";
import { NewWorkspaceCard } from "./new-workspace-card.tsx";
import { WorkspaceCard } from "./workspace-card.tsx";

export function SettingsPage() {
  const workspace = useWorkspace();
  return (
    <>
      <PageHeader title="Settings" description={`${workspace.name} · your role: ${workspace.role.toLowerCase()}`} />
      <div className="grid gap-4 xl:grid-cols-2">
        <WorkspaceCard />
        <PlanCard />
        <MembersCard />
        {isAdmin(workspace.role) ? <ApiKeysCard /> : null}
        <NewWorkspaceCard />
      </div>
    </>
  );
}
