import { useTRPC } from "@mailflow/api-client/react";
import { Badge, ErrorText, PageHeader, Spinner, TabBar } from "@mailflow/ui";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { useWorkspace } from "../../session/session.tsx";
import { AudiencePanel } from "./audience-panel.tsx";
import { statusTone } from "./campaigns-page.tsx";
import { LaunchPanel } from "./launch-panel.tsx";
import { PreviewPanel } from "./preview-panel.tsx";
import { ScheduleForm } from "./schedule-form.tsx";
import { SequenceEditor, toDrafts } from "./sequence-editor.tsx";
import { StatsPanel } from "./stats-panel.tsx";

const tabs = [
  { id: "sequence", label: "Sequence" },
  { id: "audience", label: "Leads and inboxes" },
  { id: "schedule", label: "Schedule" },
  { id: "preview", label: "Preview" },
  { id: "launch", label: "Launch" },
  { id: "stats", label: "Statistics" },
] as const;
type Tab = (typeof tabs)[number]["id"];
const STANDARD_VARIABLES = ["firstName", "lastName", "company", "title", "email", "timeZone"];

export function CampaignPage() {
  const workspace = useWorkspace();
  const { campaignId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const trpc = useTRPC();
  const campaign = useQuery(trpc.campaigns.get.queryOptions({ workspaceId: workspace.id, campaignId }));
  // Custom columns of imported leads become variables too: offer the ones the workspace's leads have.
  const sample = useQuery(trpc.leads.list.queryOptions({ workspaceId: workspace.id, limit: 200 }));
  const variables = useMemo(() => {
    const custom = new Set(sample.data?.items.flatMap((l) => Object.keys(l.customFields)) ?? []);
    return [...STANDARD_VARIABLES, ...[...custom].sort()];
  }, [sample.data]);
  const fallbackTab: Tab = campaign.data && campaign.data.status !== "DRAFT" ? "stats" : "sequence";
  const tab = (tabs.find((t) => t.id === params.get("tab"))?.id ?? fallbackTab) as Tab;

  if (campaign.isPending) return <Spinner label="Loading campaign" />;
  if (campaign.isError) return <ErrorText error={campaign.error.message} />;
  const c = campaign.data;
  return (
    <>
      <p className="mb-1 text-sm">
        <Link to=".." relative="path" className="text-indigo-700 hover:underline">
          ← Campaigns
        </Link>
      </p>
      <PageHeader
        title={c.name}
        description={
          <span className="flex items-center gap-2">
            <Badge tone={statusTone[c.status]}>{c.status.toLowerCase()}</Badge>
            {c.leadCount} leads · {c.inboxIds.length} inboxes · {c.steps.length} steps
          </span>
        }
      />
      <TabBar label="Campaign sections" tabs={tabs} selected={tab} onSelect={(id) => setParams({ tab: id })} />
      <div role="tabpanel" aria-label={tabs.find((t) => t.id === tab)!.label}>
        {tab === "sequence" ? (
          <SequenceEditor
            key={c.id}
            campaignId={c.id}
            initial={toDrafts(c.steps)}
            variables={variables}
            editable={c.status === "DRAFT"}
          />
        ) : null}
        {tab === "audience" ? <AudiencePanel campaign={c} /> : null}
        {tab === "schedule" ? <ScheduleForm campaign={c} /> : null}
        {tab === "preview" ? <PreviewPanel campaignId={c.id} /> : null}
        {tab === "launch" ? <LaunchPanel campaign={c} /> : null}
        {tab === "stats" ? <StatsPanel campaignId={c.id} live={c.status === "ACTIVE"} /> : null}
      </div>
    </>
  );
}
