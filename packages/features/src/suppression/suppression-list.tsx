import { useTRPC } from "@mailflow/api-client/react";
import {
  Badge,
  Button,
  Card,
  EmptyState,
  ErrorText,
  Field,
  PageHeader,
  QueryView,
  SearchForm,
  Table,
  Textarea,
} from "@mailflow/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { actionError } from "../lib/action-error.ts";
import { CursorPager } from "../lib/cursor-pager.tsx";
import { formatDateTime } from "../lib/format.ts";
import { useCursorPages } from "../lib/pagination.ts";
import { isAdmin, useWorkspace } from "../workspace-context.tsx";

/** Addresses and domains never to mail: checked before every send, alongside the global list. */
export function SuppressionPage() {
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const pages = useCursorPages();
  const [submitted, setSubmitted] = useState("");
  const list = useQuery(
    trpc.suppression.list.queryOptions({
      workspaceId: workspace.id,
      limit: 50,
      ...(submitted ? { search: submitted } : {}),
      ...(pages.cursor ? { cursor: pages.cursor } : {}),
    }),
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.suppression.pathKey() });
  const [entries, setEntries] = useState("");
  const add = useMutation(trpc.suppression.add.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.suppression.remove.mutationOptions({ onSuccess: refresh }));
  const submitAdd = (e: FormEvent) => {
    e.preventDefault();
    const values = entries.split(/[\s,;]+/).filter(Boolean);
    if (values.length) add.mutate({ workspaceId: workspace.id, entries: values }, { onSuccess: () => setEntries("") });
  };
  return (
    <>
      <PageHeader
        title="Suppression list"
        description="Unsubscribes and hard bounces land here automatically. Nobody on it is ever mailed."
      />
      <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <Card>
          <SearchForm
            label="Search the suppression list"
            onSearch={(term) => {
              pages.reset();
              setSubmitted(term);
            }}
          />
          <QueryView
            query={list}
            isEmpty={(data) => data.items.length === 0}
            empty={<EmptyState title="Nobody is suppressed" />}
          >
            {(data) => (
              <>
                <Table
                  caption="Suppressed addresses and domains"
                  rows={data.items}
                  rowKey={(r) => r.id}
                  columns={[
                    {
                      header: "Value",
                      // An erased person: only the salted hash is kept, so show that it is one, not the hash.
                      cell: (r) =>
                        r.kind === "ERASED" ? (
                          <span className="italic text-slate-600">Erased address #{r.value.slice(0, 10)}</span>
                        ) : (
                          <span className="font-medium">{r.value}</span>
                        ),
                    },
                    { header: "Kind", cell: (r) => <Badge>{r.kind.toLowerCase()}</Badge> },
                    { header: "Reason", cell: (r) => r.reason },
                    { header: "Added", cell: (r) => formatDateTime(r.createdAt) },
                    {
                      header: "",
                      cell: (r) =>
                        isAdmin(workspace.role) ? (
                          <Button
                            size="sm"
                            variant="ghost"
                            onClick={() =>
                              confirm(`Mail ${r.value} again?`) &&
                              remove.mutate({ workspaceId: workspace.id, suppressionId: r.id })
                            }
                          >
                            Remove
                          </Button>
                        ) : null,
                    },
                  ]}
                />
                <ErrorText error={actionError(remove).message} />
                <CursorPager pages={pages} nextCursor={data.nextCursor} />
              </>
            )}
          </QueryView>
        </Card>
        <Card title="Add">
          <form onSubmit={submitAdd} className="space-y-2" aria-label="Add to the suppression list">
            <Field
              label="Addresses or domains"
              hint="One per line, or separated by commas. A domain suppresses everyone at it."
            >
              {(p) => <Textarea {...p} rows={6} value={entries} onChange={(e) => setEntries(e.target.value)} />}
            </Field>
            <ErrorText error={actionError(add).message} />
            {add.data ? (
              <p role="status" className="text-sm text-slate-700">
                {add.data.added} added, {add.data.alreadySuppressed} already there
                {add.data.invalid.length
                  ? `, ${add.data.invalid.length} not valid: ${add.data.invalid.map((i) => i.value).join(", ")}`
                  : ""}
                .
              </p>
            ) : null}
            <Button type="submit" busy={add.isPending}>
              Add
            </Button>
          </form>
        </Card>
      </div>
    </>
  );
}
