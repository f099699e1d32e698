import {
  ApiKeysCard,
  AuditPage,
  type FeatureScope,
  InboxesPage,
  isAdmin,
  MembersCard,
  PlanCard,
  PrivacyPage,
  SuppressionPage,
  WebhooksPage,
  WorkspaceScope,
} from "@mailflow/features";
import { PageHeader, TabBar } from "@mailflow/ui";
import { useState } from "react";

const tabs = [
  "Inboxes",
  "Audit log",
  "API keys",
  "Members",
  "Suppression",
  "Webhooks",
  "Data requests",
  "Plan",
] as const;
type Tab = (typeof tabs)[number];

/** One workspace's admin panels, the same components as the web dashboard's (packages/features). */
export function WorkspaceScreen({ scope }: { scope: FeatureScope }) {
  const [tab, setTab] = useState<Tab>("Inboxes");
  const admin = isAdmin(scope.workspace.role);
  return (
    <WorkspaceScope scope={scope}>
      <PageHeader
        title={scope.workspace.name}
        description={`Region ${scope.workspace.region} · your role: ${scope.workspace.role.toLowerCase()}`}
      />
      <TabBar
        label="Workspace sections"
        tabs={tabs.map((t) => ({ id: t, label: t }))}
        selected={tab}
        onSelect={setTab}
      />
      <div role="tabpanel" aria-label={tab}>
        {tab === "Inboxes" ? <InboxesPage /> : null}
        {tab === "Audit log" ? <AuditPage /> : null}
        {tab === "API keys" ? (
          admin && scope.user ? (
            <ApiKeysCard />
          ) : (
            <p className="text-sm text-slate-600">Only an owner or admin, signed in as a person, manages API keys.</p>
          )
        ) : null}
        {tab === "Members" ? <MembersCard /> : null}
        {tab === "Suppression" ? <SuppressionPage /> : null}
        {tab === "Webhooks" ? <WebhooksPage /> : null}
        {tab === "Data requests" ? (
          admin ? (
            <PrivacyPage />
          ) : (
            <p className="text-sm text-slate-600">Only an owner or admin answers data requests.</p>
          )
        ) : null}
        {tab === "Plan" ? <PlanCard /> : null}
      </div>
    </WorkspaceScope>
  );
}
