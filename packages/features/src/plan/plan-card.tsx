import { useTRPC } from "@mailflow/api-client/react";
import { planNames } from "@mailflow/engine/plans";
import { Badge, Button, Card, ErrorText, ProgressBar, QueryView } from "@mailflow/ui";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { describeApiError } from "../lib/action-error.ts";
import { downloadText } from "../lib/download.ts";
import { formatNumber } from "../lib/format.ts";
import { isAdmin, useWorkspace } from "../workspace-context.tsx";

/** The plan, its limits against what the workspace uses, and the DPA where the plan includes it. */
export function PlanCard() {
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const plan = useQuery(trpc.workspaces.plan.queryOptions({ workspaceId: workspace.id }));
  return (
    <Card title="Plan" description="Limits the server enforces for this workspace.">
      <QueryView query={plan} loading="Loading the plan">
        {(p) => (
          <div className="space-y-3">
            <p className="text-sm">
              <Badge tone="info">{planNames[p.plan]}</Badge>
            </p>
            <ProgressBar
              label={`Inboxes: ${formatNumber(p.usage.inboxes)} of ${formatNumber(p.limits.inboxes)}`}
              value={p.usage.inboxes}
              max={p.limits.inboxes}
            />
            <ProgressBar
              label={`Leads: ${formatNumber(p.usage.leads)} of ${formatNumber(p.limits.leads)}`}
              value={p.usage.leads}
              max={p.limits.leads}
            />
            <ul className="text-sm text-slate-600">
              <li>Moving the workspace to another region: {p.limits.regionChange ? "included" : "Scale plan"}</li>
              <li>Data processing agreement (DPA): {p.limits.dpa ? "included" : "Scale plan"}</li>
            </ul>
            {p.limits.dpa && isAdmin(workspace.role) ? <DpaDownload workspaceId={workspace.id} /> : null}
          </div>
        )}
      </QueryView>
    </Card>
  );
}

function DpaDownload({ workspaceId }: { workspaceId: string }) {
  const trpc = useTRPC();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { refetch } = useQuery({ ...trpc.workspaces.dpa.queryOptions({ workspaceId }), enabled: false });
  const download = async () => {
    setBusy(true);
    setError(null);
    const result = await refetch();
    setBusy(false);
    if (result.data) downloadText(result.data.fileName, result.data.text, "text/markdown");
    else setError(describeApiError(result.error));
  };
  return (
    <div className="space-y-1">
      <Button variant="secondary" busy={busy} onClick={() => void download()}>
        Download the DPA
      </Button>
      <ErrorText error={error} />
    </div>
  );
}
