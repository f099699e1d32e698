import { useTRPC } from "@mailflow/api-client/react";
import { auditActions } from "@mailflow/audit/actions";
import {
  Alert,
  Badge,
  Button,
  Card,
  EmptyState,
  ErrorText,
  Field,
  Input,
  PageHeader,
  QueryView,
  Select,
  Table,
} from "@mailflow/ui";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useMemo, useState } from "react";
import { actionError } from "../lib/action-error.ts";
import { CursorPager } from "../lib/cursor-pager.tsx";
import { downloadText } from "../lib/download.ts";
import { formatDateTime } from "../lib/format.ts";
import { useCursorPages } from "../lib/pagination.ts";
import { isAdmin, useWorkspace } from "../workspace-context.tsx";

interface Filters {
  actorId?: string;
  action?: string;
  from?: Date;
  to?: Date;
}

/** Who did what, when, from where: every credential read, connect, launch and admin action, filterable. */
export function AuditPage() {
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const admin = isAdmin(workspace.role);
  const members = useQuery({ ...trpc.members.list.queryOptions({ workspaceId: workspace.id }), enabled: admin });
  const [draft, setDraft] = useState({ actorId: "", action: "", from: "", to: "" });
  const [filters, setFilters] = useState<Filters>({});
  const pages = useCursorPages();
  const events = useQuery({
    ...trpc.audit.list.queryOptions({
      workspaceId: workspace.id,
      limit: 50,
      ...filters,
      ...(pages.cursor ? { cursor: pages.cursor } : {}),
    }),
    enabled: admin,
  });
  const families = useMemo(() => [...new Set(auditActions.map((a) => `${a.split(".")[0]}.`))], []);
  const nameOf = useMemo(() => new Map(members.data?.members.map((m) => [m.userId, m.email]) ?? []), [members.data]);

  if (!admin) {
    return (
      <>
        <PageHeader title="Audit log" />
        <Alert tone="info">Only owners and admins can read the audit log.</Alert>
      </>
    );
  }
  const apply = (e: FormEvent) => {
    e.preventDefault();
    pages.reset();
    setFilters({
      ...(draft.actorId ? { actorId: draft.actorId } : {}),
      ...(draft.action ? { action: draft.action } : {}),
      ...(draft.from ? { from: new Date(draft.from) } : {}),
      ...(draft.to ? { to: new Date(draft.to) } : {}),
    });
  };
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Tamper-evident: each event is chained to the one before it."
        actions={<ExportButton workspaceId={workspace.id} filters={filters} />}
      />
      <Card className="mb-4">
        <form
          onSubmit={apply}
          className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5 lg:items-end"
          aria-label="Filter the audit log"
        >
          <Field label="Actor">
            {(p) => (
              <Select {...p} value={draft.actorId} onChange={(e) => setDraft({ ...draft, actorId: e.target.value })}>
                <option value="">Anyone</option>
                {members.data?.members.map((m) => (
                  <option key={m.userId} value={m.userId}>
                    {m.email}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label="Action">
            {(p) => (
              <Select {...p} value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })}>
                <option value="">Any action</option>
                <optgroup label="Families">
                  {families.map((f) => (
                    <option key={f} value={f}>
                      {f}*
                    </option>
                  ))}
                </optgroup>
                <optgroup label="Actions">
                  {auditActions.map((a) => (
                    <option key={a} value={a}>
                      {a}
                    </option>
                  ))}
                </optgroup>
              </Select>
            )}
          </Field>
          <Field label="From">
            {(p) => (
              <Input
                {...p}
                type="datetime-local"
                value={draft.from}
                onChange={(e) => setDraft({ ...draft, from: e.target.value })}
              />
            )}
          </Field>
          <Field label="To">
            {(p) => (
              <Input
                {...p}
                type="datetime-local"
                value={draft.to}
                onChange={(e) => setDraft({ ...draft, to: e.target.value })}
              />
            )}
          </Field>
          <Button type="submit" variant="secondary">
            Apply filters
          </Button>
        </form>
      </Card>
      <Card>
        <QueryView
          query={events}
          loading="Loading events"
          isEmpty={(data) => data.items.length === 0}
          empty={<EmptyState title="No event matches" />}
        >
          {(data) => (
            <>
              <Table
                caption="Audit events"
                rows={data.items}
                rowKey={(e) => e.id}
                columns={[
                  { header: "When", className: "whitespace-nowrap", cell: (e) => formatDateTime(e.createdAt) },
                  { header: "Action", cell: (e) => <span className="font-mono text-xs">{e.action}</span> },
                  {
                    header: "Actor",
                    cell: (e) =>
                      e.actorType === "USER" ? (
                        (nameOf.get(e.actorId ?? "") ?? e.actorId)
                      ) : (
                        <Badge>{e.actorType === "API_KEY" ? "API key" : "system"}</Badge>
                      ),
                  },
                  { header: "Target", cell: (e) => (e.targetType ? `${e.targetType}` : "—") },
                  { header: "IP", cell: (e) => e.ip ?? "—" },
                  {
                    header: "Details",
                    cell: (e) =>
                      e.metadata && Object.keys(e.metadata as object).length ? (
                        <details>
                          <summary className="cursor-pointer text-xs text-indigo-700">Show</summary>
                          <pre className="mt-1 max-w-80 whitespace-pre-wrap break-all text-xs text-slate-600">
                            {JSON.stringify(e.metadata, null, 2)}
                          </pre>
                        </details>
                      ) : (
                        "—"
                      ),
                  },
                ]}
              />
              <CursorPager pages={pages} nextCursor={data.nextCursor} />
            </>
          )}
        </QueryView>
      </Card>
    </>
  );
}

/** The events the filters select, as CSV (the export is itself recorded in the log). */
function ExportButton({ workspaceId, filters }: { workspaceId: string; filters: Filters }) {
  const trpc = useTRPC();
  const exportCsv = useMutation(
    trpc.audit.export.mutationOptions({
      onSuccess: (result) => downloadText(`audit-log-${new Date().toISOString().slice(0, 10)}.csv`, result.csv),
    }),
  );
  return (
    <div className="flex items-center gap-2">
      {exportCsv.data ? (
        <span role="status" className="text-xs text-slate-600">
          {exportCsv.data.rows} events exported{exportCsv.data.truncated ? " (the newest 50,000)" : ""}.
        </span>
      ) : null}
      <ErrorText error={actionError(exportCsv).message} />
      <Button
        variant="secondary"
        busy={exportCsv.isPending}
        onClick={() => exportCsv.mutate({ workspaceId, ...filters })}
      >
        Export CSV
      </Button>
    </div>
  );
}
