import { useTRPC } from "@mailflow/api-client/react";
import { formatNumber, formatPercent } from "@mailflow/features";
import { BarChart, Card, type Column, ErrorText, Spinner, Stat, Table } from "@mailflow/ui";
import { useQuery } from "@tanstack/react-query";
import { useWorkspace } from "../../session/session.tsx";

const rate = (part: number, whole: number) => (whole ? formatPercent(part / whole) : "—");

/** Sent, replies, bounces and unsubscribes: over time, per step and per inbox. Refreshes while it sends. */
export function StatsPanel({ campaignId, live }: { campaignId: string; live: boolean }) {
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const stats = useQuery({
    ...trpc.campaigns.stats.queryOptions({ workspaceId: workspace.id, campaignId }),
    refetchInterval: live ? 5_000 : false,
  });
  if (stats.isPending) return <Spinner label="Loading statistics" />;
  if (stats.isError) return <ErrorText error={stats.error.message} />;
  const { leads, steps, inboxes, daily } = stats.data;
  const sent = steps.reduce((sum, s) => sum + s.sent, 0);
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4 xl:grid-cols-8">
        <Stat label="Leads" value={formatNumber(leads.total)} />
        <Stat label="Messages sent" value={formatNumber(sent)} />
        <Stat label="In sequence" value={formatNumber(leads.active)} />
        <Stat label="Replied" value={formatNumber(leads.replied)} hint={rate(leads.replied, leads.total)} />
        <Stat label="Bounced" value={formatNumber(leads.bounced)} hint={rate(leads.bounced, leads.total)} />
        <Stat label="Unsubscribed" value={formatNumber(leads.unsubscribed)} />
        <Stat label="Suppressed" value={formatNumber(leads.suppressed)} />
        <Stat label="Completed" value={formatNumber(leads.completed)} />
      </dl>
      <Card title="Over time (UTC days)">
        {daily.length ? (
          <BarChart
            title="Activity per day"
            labels={daily.map((d) => d.day)}
            series={[
              { name: "Sent", fillClass: "fill-indigo-500", values: daily.map((d) => d.sent) },
              { name: "Replies", fillClass: "fill-emerald-500", values: daily.map((d) => d.replied) },
              { name: "Bounces", fillClass: "fill-red-500", values: daily.map((d) => d.bounced) },
              { name: "Unsubscribes", fillClass: "fill-amber-500", values: daily.map((d) => d.unsubscribed) },
            ]}
          />
        ) : (
          <p className="text-sm text-slate-500">Nothing sent yet.</p>
        )}
      </Card>
      <Card title="Per step">
        <OutcomeChart
          title="Outcomes per step"
          axisLabel="Step"
          rows={steps.map((r) => ({ label: `Step ${r.step}`, ...r }))}
        />
        <Table
          caption="Statistics per step"
          rows={steps}
          rowKey={(r) => String(r.step)}
          columns={[{ header: "Step", cell: (r) => r.step }, ...countColumns<(typeof steps)[number]>()]}
        />
      </Card>
      <Card title="Per inbox">
        <OutcomeChart
          title="Outcomes per inbox"
          axisLabel="Inbox"
          rows={inboxes.map((r) => ({ label: r.email, ...r }))}
        />
        <Table
          caption="Statistics per inbox"
          rows={inboxes}
          rowKey={(r) => r.inboxId}
          columns={[{ header: "Inbox", cell: (r) => r.email }, ...countColumns<(typeof inboxes)[number]>()]}
        />
      </Card>
    </div>
  );
}

/** Sent, replies, bounces and unsubscribes side by side for each step or inbox. */
function OutcomeChart({
  title,
  axisLabel,
  rows,
}: {
  title: string;
  axisLabel: string;
  rows: (Counts & { label: string })[];
}) {
  if (rows.length === 0 || rows.every((r) => r.sent + r.bounced === 0)) return null;
  return (
    <div className="mb-4">
      <BarChart
        title={title}
        axisLabel={axisLabel}
        labels={rows.map((r) => r.label)}
        series={[
          { name: "Sent", fillClass: "fill-indigo-500", values: rows.map((r) => r.sent) },
          { name: "Replies", fillClass: "fill-emerald-500", values: rows.map((r) => r.replied) },
          { name: "Bounces", fillClass: "fill-red-500", values: rows.map((r) => r.bounced) },
          { name: "Unsubscribes", fillClass: "fill-amber-500", values: rows.map((r) => r.unsubscribed) },
        ]}
      />
    </div>
  );
}

interface Counts {
  sent: number;
  pending: number;
  replied: number;
  bounced: number;
  unsubscribed: number;
  failed: number;
}

/** The same figures for a step or an inbox row. */
function countColumns<Row extends Counts>(): Column<Row>[] {
  return [
    { header: "Sent", cell: (r) => formatNumber(r.sent) },
    { header: "Pending", cell: (r) => formatNumber(r.pending) },
    { header: "Replies", cell: (r) => `${formatNumber(r.replied)} (${rate(r.replied, r.sent)})` },
    { header: "Bounces", cell: (r) => `${formatNumber(r.bounced)} (${rate(r.bounced, r.sent + r.bounced)})` },
    { header: "Unsubscribes", cell: (r) => formatNumber(r.unsubscribed) },
    { header: "Failed", cell: (r) => formatNumber(r.failed) },
  ];
}
