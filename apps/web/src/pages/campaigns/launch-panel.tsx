import type { RouterOutputs } from "@mailflow/api-client";
import { useTRPC } from "@mailflow/api-client/react";
import { actionError, formatNumber } from "@mailflow/features";
import { Alert, Button, Card, ErrorText, Spinner, Stat, Table } from "@mailflow/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useWorkspace } from "../../session/session.tsx";

type Campaign = RouterOutputs["campaigns"]["get"];

/** The pre-flight check (every lead rendered, suppression, capacity) and the launch, pause and resume buttons. */
export function LaunchPanel({ campaign }: { campaign: Campaign }) {
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = { workspaceId: workspace.id, campaignId: campaign.id };
  const preflight = useQuery({
    ...trpc.campaigns.preflight.queryOptions(input),
    enabled: campaign.status === "DRAFT",
    staleTime: 0,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.campaigns.pathKey() });
  const launch = useMutation(trpc.campaigns.launch.mutationOptions({ onSuccess: refresh }));
  const pause = useMutation(trpc.campaigns.pause.mutationOptions({ onSuccess: refresh }));
  const resume = useMutation(trpc.campaigns.resume.mutationOptions({ onSuccess: refresh }));

  if (campaign.status !== "DRAFT") {
    return (
      <Card title="Running">
        <div className="flex flex-wrap items-center gap-2">
          <p className="text-sm text-slate-600">Status: {campaign.status.toLowerCase()}.</p>
          {campaign.status === "ACTIVE" ? (
            <Button variant="secondary" busy={pause.isPending} onClick={() => pause.mutate(input)}>
              Pause campaign
            </Button>
          ) : null}
          {campaign.status === "PAUSED" ? (
            <Button busy={resume.isPending} onClick={() => resume.mutate(input)}>
              Resume campaign
            </Button>
          ) : null}
          <ErrorText error={actionError(pause).message ?? actionError(resume).message} />
        </div>
      </Card>
    );
  }
  return (
    <Card
      title="Pre-flight check"
      description="Every lead's messages are rendered now, exactly as they would be sent."
      actions={
        <Button size="sm" variant="secondary" busy={preflight.isFetching} onClick={() => void preflight.refetch()}>
          Check again
        </Button>
      }
    >
      {preflight.isPending ? (
        <Spinner label="Checking" />
      ) : preflight.isError ? (
        <ErrorText error={preflight.error.message} />
      ) : (
        <div className="space-y-3">
          <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
            <Stat label="Leads" value={formatNumber(preflight.data.leads)} />
            <Stat label="Suppressed (skipped)" value={formatNumber(preflight.data.suppressedLeads)} />
            <Stat label="Active inboxes" value={preflight.data.activeInboxes} />
            <Stat
              label="Daily capacity"
              value={formatNumber(preflight.data.dailyCapacity)}
              hint={`cap ${formatNumber(campaign.dailyCap)}`}
            />
          </dl>
          {preflight.data.problems.length ? (
            <Alert tone="error" title="Fix these before launching">
              <ul className="list-disc pl-5">
                {preflight.data.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </Alert>
          ) : (
            <Alert tone="success" title="Ready to launch" />
          )}
          {preflight.data.missingVariables.length ? (
            <Table
              caption="Leads with missing variables"
              rows={preflight.data.missingVariables}
              rowKey={(r) => `${r.leadId}-${r.step}`}
              columns={[
                { header: "Lead", cell: (r) => r.email },
                { header: "Step", cell: (r) => r.step },
                { header: "Missing", cell: (r) => r.variables.join(", ") },
              ]}
            />
          ) : null}
          <div className="flex items-center gap-2">
            <Button disabled={!preflight.data.ok} busy={launch.isPending} onClick={() => launch.mutate(input)}>
              Launch campaign
            </Button>
            <ErrorText error={actionError(launch).message} />
          </div>
        </div>
      )}
    </Card>
  );
}
