import type { RouterOutputs } from "@mailflow/api-client";
import { useTRPC } from "@mailflow/api-client/react";
import { actionError, CursorPager, formatDateTime, useCursorPages } from "@mailflow/features";
import {
  Badge,
  Button,
  Card,
  cn,
  EmptyState,
  ErrorText,
  Field,
  PageHeader,
  QueryView,
  Select,
  Spinner,
  Textarea,
} from "@mailflow/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { useWorkspace } from "../../session/session.tsx";

type Reply = RouterOutputs["inboxReplies"]["list"]["items"][number];
type Label = NonNullable<Reply["label"]>;
const labelNames: Record<Label, string> = {
  INTERESTED: "Interested",
  NOT_INTERESTED: "Not interested",
  MEETING_BOOKED: "Meeting booked",
  OUT_OF_OFFICE: "Out of office",
};

/** Replies from every inbox in one list; a thread shows what we sent and what came back; answer from the same inbox. */
export function RepliesPage() {
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const [filter, setFilter] = useState<{ label?: Label; unread?: boolean; kind?: "REPLY" | "AUTO_REPLY" }>({});
  const pages = useCursorPages();
  const list = useQuery({
    ...trpc.inboxReplies.list.queryOptions({
      workspaceId: workspace.id,
      limit: 25,
      ...filter,
      ...(pages.cursor ? { cursor: pages.cursor } : {}),
    }),
    refetchInterval: 10_000, // new replies arrive while the page is open
  });
  const [openId, setOpenId] = useState<string | null>(null);

  return (
    <>
      <PageHeader
        title="Unified inbox"
        description={list.data ? `${list.data.unread} unread` : "Replies from every inbox"}
      />
      <div className="mb-3 flex flex-wrap gap-2">
        <Select
          aria-label="Filter by label"
          className="w-auto"
          value={filter.label ?? ""}
          onChange={(e) => {
            pages.reset();
            setFilter({ ...filter, label: (e.target.value || undefined) as Label | undefined });
          }}
        >
          <option value="">All labels</option>
          {Object.entries(labelNames).map(([value, name]) => (
            <option key={value} value={value}>
              {name}
            </option>
          ))}
        </Select>
        <Select
          aria-label="Filter by kind"
          className="w-auto"
          value={filter.kind ?? ""}
          onChange={(e) => {
            pages.reset();
            setFilter({ ...filter, kind: (e.target.value || undefined) as "REPLY" | "AUTO_REPLY" | undefined });
          }}
        >
          <option value="">Replies and auto-replies</option>
          <option value="REPLY">Replies</option>
          <option value="AUTO_REPLY">Auto-replies</option>
        </Select>
        <Button
          variant={filter.unread ? "primary" : "secondary"}
          aria-pressed={Boolean(filter.unread)}
          onClick={() => {
            pages.reset();
            setFilter({ ...filter, unread: filter.unread ? undefined : true });
          }}
        >
          Unread only
        </Button>
      </div>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
        <Card className="lg:max-h-[75vh] lg:overflow-y-auto">
          <QueryView
            query={list}
            loading="Loading replies"
            isEmpty={(data) => data.items.length === 0}
            empty={<EmptyState title="No replies">Replies to your campaigns appear here as they arrive.</EmptyState>}
          >
            {(data) => (
              <>
                <ul aria-label="Replies" className="-mx-4 -my-4 divide-y divide-slate-100">
                  {data.items.map((r) => (
                    <li key={r.id}>
                      <button
                        type="button"
                        onClick={() => setOpenId(r.id)}
                        aria-current={openId === r.id}
                        className={cn(
                          "w-full px-4 py-2.5 text-left hover:bg-slate-50",
                          openId === r.id && "bg-indigo-50",
                        )}
                      >
                        <div className="flex items-center justify-between gap-2">
                          <span className={cn("truncate text-sm", !r.read && "font-semibold")}>
                            {r.fromName ?? r.fromEmail}
                          </span>
                          <span className="shrink-0 text-xs text-slate-500">{formatDateTime(r.receivedAt)}</span>
                        </div>
                        <p className="truncate text-sm text-slate-700">{r.subject}</p>
                        <p className="truncate text-xs text-slate-500">{r.text.slice(0, 120)}</p>
                        <div className="mt-1 flex gap-1">
                          {r.kind === "AUTO_REPLY" ? <Badge tone="warn">auto-reply</Badge> : null}
                          {r.unsubscribe ? <Badge tone="bad">asked to stop</Badge> : null}
                          {r.label ? <Badge tone="info">{labelNames[r.label]}</Badge> : null}
                        </div>
                      </button>
                    </li>
                  ))}
                </ul>
                <CursorPager pages={pages} nextCursor={data.nextCursor} />
              </>
            )}
          </QueryView>
        </Card>
        {openId ? (
          <Thread replyId={openId} />
        ) : (
          <Card>
            <p className="text-sm text-slate-500">Choose a reply to read the conversation.</p>
          </Card>
        )}
      </div>
    </>
  );
}

function Thread({ replyId }: { replyId: string }) {
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const thread = useQuery(trpc.inboxReplies.thread.queryOptions({ workspaceId: workspace.id, replyId }));
  const reply = queryClient
    .getQueriesData<RouterOutputs["inboxReplies"]["list"]>({ queryKey: trpc.inboxReplies.list.queryKey() })
    .flatMap(([, data]) => data?.items ?? [])
    .find((r) => r.id === replyId);
  const refreshList = () => queryClient.invalidateQueries({ queryKey: trpc.inboxReplies.list.queryKey() });
  const markRead = useMutation(trpc.inboxReplies.markRead.mutationOptions({ onSuccess: refreshList }));
  const setLabel = useMutation(trpc.inboxReplies.setLabel.mutationOptions({ onSuccess: refreshList }));
  const [text, setText] = useState("");
  const send = useMutation(
    trpc.inboxReplies.reply.mutationOptions({
      onSuccess: () => setText(""),
    }),
  );
  // Opening a reply reads it.
  const { mutate: mark } = markRead;
  useEffect(() => {
    if (reply && !reply.read) mark({ workspaceId: workspace.id, replyIds: [replyId], read: true });
  }, [reply, replyId, workspace.id, mark]);

  if (thread.isPending) return <Spinner label="Loading conversation" />;
  if (thread.isError) return <ErrorText error={thread.error.message} />;
  const t = thread.data;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send.mutate({ workspaceId: workspace.id, replyId, text });
  };
  return (
    <Card
      title={t.lead ? t.lead.email : (reply?.fromEmail ?? "Conversation")}
      description={t.campaign ? `Campaign: ${t.campaign.name}` : undefined}
      actions={
        <Select
          aria-label="Label"
          className="w-auto"
          value={reply?.label ?? ""}
          onChange={(e) =>
            setLabel.mutate({ workspaceId: workspace.id, replyId, label: (e.target.value || null) as Label | null })
          }
        >
          <option value="">No label</option>
          {Object.entries(labelNames).map(([value, name]) => (
            <option key={value} value={value}>
              {name}
            </option>
          ))}
        </Select>
      }
    >
      <ol aria-label="Conversation" className="space-y-3">
        {t.entries.map((entry) => (
          <li
            key={`${entry.direction}-${entry.id}`}
            className={cn(
              "rounded-md border px-3 py-2",
              entry.direction === "sent" ? "ml-6 border-indigo-100 bg-indigo-50/50" : "mr-6 border-slate-200",
            )}
          >
            <div className="flex flex-wrap justify-between gap-2 text-xs text-slate-500">
              <span>
                {entry.direction === "sent" ? `Sent${entry.step ? ` · step ${entry.step}` : ""}` : `From ${entry.from}`}
              </span>
              <span>{formatDateTime(entry.at)}</span>
            </div>
            <p className="text-sm font-medium">{entry.subject}</p>
            <pre className="mt-1 whitespace-pre-wrap font-sans text-sm text-slate-800">{entry.text}</pre>
          </li>
        ))}
      </ol>
      <ErrorText error={actionError(setLabel).message} />
      <form onSubmit={submit} className="mt-4 space-y-2 border-t border-slate-200 pt-3" aria-label="Reply">
        <Field
          label="Your reply"
          hint="Sent from the inbox that received this message, in the same thread."
          error={actionError(send).fields.text}
        >
          {(p) => (
            <Textarea {...p} rows={5} className="font-sans" value={text} onChange={(e) => setText(e.target.value)} />
          )}
        </Field>
        <ErrorText error={actionError(send).general} />
        <div className="flex items-center gap-2">
          <Button type="submit" busy={send.isPending} disabled={!text.trim()}>
            Send reply
          </Button>
          {send.isSuccess ? (
            <span role="status" className="text-sm text-emerald-700">
              Reply sent.
            </span>
          ) : null}
        </div>
      </form>
    </Card>
  );
}
