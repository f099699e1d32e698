import { useTRPC } from "@mailflow/api-client/react";
import { formatNumber, formatPercent, inboxStatusTone } from "@mailflow/features";
import { Badge, Button, Card, PageHeader, QueryView, Stat } from "@mailflow/ui";
import { useQuery } from "@tanstack/react-query";
import type { WorkspaceEntry } from "./signed-in.tsx";

/** Every workspace at a glance: what stopped sending and why, bounces, what waits in the queue. */
export function OverviewScreen({ workspaces, onOpen }: { workspaces: WorkspaceEntry[]; onOpen: (id: string) => void }) {
  return (
    <>
      <PageHeader
        title="Overview"
        description="The health of every workspace you look after. Refreshes every 15 seconds."
      />
      <div className="grid gap-4 xl:grid-cols-2">
        {workspaces.map((w) => (
          <WorkspaceHealthCard key={w.id} workspace={w} onOpen={() => onOpen(w.id)} />
        ))}
      </div>
    </>
  );
}

function WorkspaceHealthCard({ workspace, onOpen }: { workspace: WorkspaceEntry; onOpen: () => void }) {
  const trpc = useTRPC();
  // Always fresh when the overview opens: it is where an owner looks after changing something.
  const health = useQuery({
    ...trpc.workspaces.health.queryOptions({ workspaceId: workspace.id }),
    refetchInterval: 15_000,
    refetchOnMount: "always",
  });
  return (
    <section aria-label={`${workspace.name} health`}>
      <Card
        title={workspace.name}
        description={`${workspace.region} · your role: ${workspace.role.toLowerCase()}`}
        actions={
          <Button size="sm" variant="secondary" onClick={onOpen}>
            Open
          </Button>
        }
      >
        <QueryView query={health} loading="Checking">
          {(h) => (
            <div className="space-y-3">
              <dl className="grid grid-cols-3 gap-2">
                <Stat
                  label="Inboxes sending"
                  value={h.inboxes.active}
                  hint={`${h.inboxes.paused} paused · ${h.inboxes.error} failing`}
                />
                <Stat
                  label="Bounce rate (7 days)"
                  value={h.bounceRate === null ? "—" : formatPercent(h.bounceRate)}
                  hint={`${formatNumber(h.bouncedLast7Days)} of ${formatNumber(h.sentLast7Days + h.bouncedLast7Days)}`}
                />
                <Stat
                  label="Queue"
                  value={formatNumber(h.queueDepth)}
                  hint={`${h.activeCampaigns} campaigns running`}
                />
              </dl>
              {h.stoppedInboxes.length ? (
                <ul aria-label="Stopped inboxes" className="space-y-1 text-sm">
                  {h.stoppedInboxes.map((i) => (
                    <li key={i.id} className="flex items-start gap-2">
                      <Badge tone={inboxStatusTone[i.status]}>{i.status.toLowerCase()}</Badge>
                      <span>
                        {i.email}
                        {i.reason ? <span className="text-slate-500"> — {i.reason}</span> : null}
                      </span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-emerald-700">Every inbox is sending.</p>
              )}
              {h.unreadReplies ? <p className="text-sm text-slate-600">{h.unreadReplies} unread replies.</p> : null}
            </div>
          )}
        </QueryView>
      </Card>
    </section>
  );
}
