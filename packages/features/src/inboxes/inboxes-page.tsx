import type { RouterOutputs } from "@mailflow/api-client";
import { useTRPC } from "@mailflow/api-client/react";
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Dialog,
  EmptyState,
  ErrorText,
  Field,
  Input,
  PageHeader,
  ProgressBar,
  QueryView,
  Spinner,
  Table,
  type Tone,
} from "@mailflow/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useState } from "react";
import { actionError } from "../lib/action-error.ts";
import { formatDateTime, formatPercent } from "../lib/format.ts";
import { useWorkspace } from "../workspace-context.tsx";
import { ConnectionCheck } from "./connection-check.tsx";

type Health = RouterOutputs["inboxes"]["health"][number];
/** How an inbox's state reads at a glance, wherever an inbox is listed. */
export const inboxStatusTone: Record<Health["status"], Tone> = { ACTIVE: "good", PAUSED: "warn", ERROR: "bad" };

/** `connectAction`: how this app starts connecting an inbox (the web dashboard links to its connect page). */
export function InboxesPage({ connectAction }: { connectAction?: ReactNode }) {
  const workspace = useWorkspace();
  const trpc = useTRPC();
  // Health refreshes on its own: usage climbs while a campaign sends.
  const health = useQuery({
    ...trpc.inboxes.health.queryOptions({ workspaceId: workspace.id }),
    refetchInterval: 10_000,
  });
  const [editing, setEditing] = useState<string | null>(null);
  const [tested, setTested] = useState<RouterOutputs["inboxes"]["test"] | null>(null);

  return (
    <>
      <PageHeader
        title="Inboxes"
        description="Mailboxes MailFlow sends from, with today's usage against each one's limit."
        actions={connectAction}
      />
      <Card>
        <QueryView
          query={health}
          loading="Loading inboxes"
          isEmpty={(data) => data.length === 0}
          empty={<EmptyState title="No inbox yet">Connect a mailbox with an App Password to start sending.</EmptyState>}
        >
          {(data) => (
            <Table
              caption="Inboxes"
              rows={data}
              rowKey={(row) => row.inboxId}
              columns={[
                {
                  header: "Inbox",
                  cell: (row) => (
                    <div>
                      <p className="font-medium text-slate-900">{row.email}</p>
                      <p className="text-xs text-slate-500">Checked {formatDateTime(row.lastCheckedAt)}</p>
                    </div>
                  ),
                },
                {
                  header: "Status",
                  cell: (row) => (
                    <div className="max-w-56 space-y-1">
                      <Badge tone={inboxStatusTone[row.status]}>{row.status.toLowerCase()}</Badge>
                      {row.statusReason ? <p className="text-xs text-slate-500">{row.statusReason}</p> : null}
                    </div>
                  ),
                },
                {
                  header: "Today",
                  className: "min-w-40",
                  cell: (row) => (
                    <div>
                      <ProgressBar
                        label={`${row.sentToday} of ${row.capacityToday}`}
                        value={row.sentToday}
                        max={row.capacityToday}
                      />
                      <p className="mt-0.5 text-xs text-slate-500">
                        Ramp-up day {row.rampUpDay} · {row.pending} in flight
                      </p>
                    </div>
                  ),
                },
                {
                  header: "Bounces",
                  cell: (row) =>
                    row.recentSends
                      ? `${formatPercent(row.recentBounces / row.recentSends)} of ${row.recentSends}`
                      : "—",
                },
                {
                  header: "Actions",
                  cell: (row) => <InboxActions row={row} onEdit={() => setEditing(row.inboxId)} onTested={setTested} />,
                },
              ]}
            />
          )}
        </QueryView>
      </Card>
      <Dialog open={editing !== null} onClose={() => setEditing(null)} title="Sending settings">
        {editing ? <InboxSettingsForm inboxId={editing} onDone={() => setEditing(null)} /> : null}
      </Dialog>
      <Dialog open={tested !== null} onClose={() => setTested(null)} title="Connection check">
        {tested ? <ConnectionCheck check={tested.check} /> : null}
      </Dialog>
    </>
  );
}

function InboxActions({
  row,
  onEdit,
  onTested,
}: {
  row: Health;
  onEdit: () => void;
  onTested: (result: RouterOutputs["inboxes"]["test"]) => void;
}) {
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.inboxes.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.workspaces.health.queryKey() }),
    ]);
  const pause = useMutation(trpc.inboxes.pause.mutationOptions({ onSuccess: refresh }));
  const resume = useMutation(trpc.inboxes.resume.mutationOptions({ onSuccess: refresh }));
  const test = useMutation(
    trpc.inboxes.test.mutationOptions({
      onSuccess: (result) => {
        onTested(result);
        void refresh();
      },
    }),
  );
  const input = { workspaceId: workspace.id, inboxId: row.inboxId };
  const error = actionError(pause).message ?? actionError(resume).message ?? actionError(test).message;
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap gap-1.5">
        {row.status === "ACTIVE" ? (
          <Button
            size="sm"
            variant="secondary"
            busy={pause.isPending}
            onClick={() => pause.mutate(input)}
            aria-label={`Pause ${row.email}`}
          >
            Pause
          </Button>
        ) : (
          <Button
            size="sm"
            variant="secondary"
            busy={resume.isPending}
            onClick={() => resume.mutate(input)}
            aria-label={`Resume ${row.email}`}
          >
            Resume
          </Button>
        )}
        <Button size="sm" variant="secondary" busy={test.isPending} onClick={() => test.mutate(input)}>
          Test
        </Button>
        <Button size="sm" variant="ghost" onClick={onEdit}>
          Settings
        </Button>
      </div>
      <ErrorText error={error} />
    </div>
  );
}

function InboxSettingsForm({ inboxId, onDone }: { inboxId: string; onDone: () => void }) {
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const inbox = useQuery(trpc.inboxes.get.queryOptions({ workspaceId: workspace.id, inboxId }));
  const update = useMutation(
    trpc.inboxes.updateSettings.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.inboxes.pathKey() });
        onDone();
      },
    }),
  );
  if (inbox.isPending) return <Spinner />;
  if (inbox.isError) return <ErrorText error={inbox.error.message} />;
  return (
    <SettingsFields
      inbox={inbox.data}
      busy={update.isPending}
      error={actionError(update)}
      onSave={(s) => update.mutate({ workspaceId: workspace.id, inboxId, ...s })}
    />
  );
}

type Inbox = RouterOutputs["inboxes"]["get"];
type Settings = Pick<
  Inbox,
  "fromName" | "dailyLimit" | "rampUpEnabled" | "rampUpStart" | "rampUpIncrement" | "minGapSeconds" | "signature"
>;

function SettingsFields({
  inbox,
  busy,
  error,
  onSave,
}: {
  inbox: Inbox;
  busy: boolean;
  error: ReturnType<typeof actionError>;
  onSave: (settings: Settings) => void;
}) {
  const [s, setS] = useState<Settings>({
    fromName: inbox.fromName,
    dailyLimit: inbox.dailyLimit,
    rampUpEnabled: inbox.rampUpEnabled,
    rampUpStart: inbox.rampUpStart,
    rampUpIncrement: inbox.rampUpIncrement,
    minGapSeconds: inbox.minGapSeconds,
    signature: inbox.signature,
  });
  const num = (key: keyof Settings) => (e: { target: { value: string } }) =>
    setS({ ...s, [key]: Number(e.target.value) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave(s);
  };
  return (
    <form onSubmit={submit} className="grid gap-3 sm:grid-cols-2" noValidate>
      <Field label="From name" error={error.fields.fromName}>
        {(p) => <Input {...p} value={s.fromName} onChange={(e) => setS({ ...s, fromName: e.target.value })} />}
      </Field>
      <Field label="Daily limit" error={error.fields.dailyLimit}>
        {(p) => <Input {...p} type="number" min={1} value={s.dailyLimit} onChange={num("dailyLimit")} />}
      </Field>
      <div className="sm:col-span-2">
        <Checkbox
          label="Ramp up gradually"
          checked={s.rampUpEnabled}
          onChange={(e) => setS({ ...s, rampUpEnabled: e.target.checked })}
        />
      </div>
      <Field label="Ramp-up: first day" error={error.fields.rampUpStart}>
        {(p) => <Input {...p} type="number" min={1} value={s.rampUpStart} onChange={num("rampUpStart")} />}
      </Field>
      <Field label="Ramp-up: add per day" error={error.fields.rampUpIncrement}>
        {(p) => <Input {...p} type="number" min={1} value={s.rampUpIncrement} onChange={num("rampUpIncrement")} />}
      </Field>
      <Field label="Minimum gap between sends (seconds)" error={error.fields.minGapSeconds}>
        {(p) => <Input {...p} type="number" min={0} value={s.minGapSeconds} onChange={num("minGapSeconds")} />}
      </Field>
      <div className="sm:col-span-2">
        <ErrorText error={error.general} />
        <Button type="submit" busy={busy}>
          Save settings
        </Button>
      </div>
    </form>
  );
}
