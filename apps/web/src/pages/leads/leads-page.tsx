import { useTRPC, useTRPCClient } from "@mailflow/api-client/react";
import {
  actionError,
  CursorPager,
  describeApiError,
  downloadText,
  formatDateTime,
  formatNumber,
  useCursorPages,
} from "@mailflow/features";
import {
  Button,
  Card,
  EmptyState,
  ErrorText,
  Field,
  Input,
  PageHeader,
  QueryView,
  SearchForm,
  Table,
} from "@mailflow/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useWorkspace } from "../../session/session.tsx";

export function LeadsPage() {
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const listId = params.get("list") ?? "";
  const [submittedSearch, setSubmittedSearch] = useState("");
  const pages = useCursorPages();
  const lists = useQuery(trpc.leads.lists.queryOptions({ workspaceId: workspace.id }));
  const leads = useQuery(
    trpc.leads.list.queryOptions({
      workspaceId: workspace.id,
      limit: 50,
      ...(listId ? { listId } : {}),
      ...(submittedSearch ? { search: submittedSearch } : {}),
      ...(pages.cursor ? { cursor: pages.cursor } : {}),
    }),
  );
  const [newList, setNewList] = useState("");
  const createList = useMutation(
    trpc.leads.createList.mutationOptions({
      onSuccess: async (list) => {
        setNewList("");
        await queryClient.invalidateQueries({ queryKey: trpc.leads.lists.queryKey() });
        setParams({ list: list.id });
      },
    }),
  );
  const [exportError, setExportError] = useState<string | null>(null);
  const exportList = async () => {
    setExportError(null);
    try {
      const result = await client.leads.export.query({ workspaceId: workspace.id, listId });
      downloadText(`leads-${listId}.csv`, result.csv);
    } catch (err) {
      setExportError(describeApiError(err));
    }
  };

  return (
    <>
      <PageHeader
        title="Leads"
        description="Lists of people to contact. Duplicates within a workspace are skipped on import."
        actions={
          <Link
            to={`import${listId ? `?list=${listId}` : ""}`}
            className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500"
          >
            Import CSV
          </Link>
        }
      />
      <div className="grid gap-4 lg:grid-cols-[16rem_minmax(0,1fr)]">
        <Card title="Lists">
          <ul className="space-y-0.5 text-sm">
            <li>
              <button
                type="button"
                className={`w-full rounded px-2 py-1 text-left ${listId ? "hover:bg-slate-100" : "bg-indigo-50 font-medium text-indigo-700"}`}
                onClick={() => {
                  pages.reset();
                  setParams({});
                }}
              >
                All leads
              </button>
            </li>
            {lists.data?.map((l) => (
              <li key={l.id}>
                <button
                  type="button"
                  className={`flex w-full justify-between rounded px-2 py-1 text-left ${l.id === listId ? "bg-indigo-50 font-medium text-indigo-700" : "hover:bg-slate-100"}`}
                  onClick={() => {
                    pages.reset();
                    setParams({ list: l.id });
                  }}
                >
                  <span className="truncate">{l.name}</span>
                  <span className="text-xs text-slate-500">{formatNumber(l.leadCount)}</span>
                </button>
              </li>
            ))}
          </ul>
          <form
            className="mt-3 space-y-2 border-t border-slate-200 pt-3"
            onSubmit={(e) => {
              e.preventDefault();
              createList.mutate({ workspaceId: workspace.id, name: newList });
            }}
          >
            <Field label="New list" error={actionError(createList).message}>
              {(p) => <Input {...p} value={newList} onChange={(e) => setNewList(e.target.value)} />}
            </Field>
            <Button type="submit" size="sm" variant="secondary" busy={createList.isPending}>
              Create list
            </Button>
          </form>
        </Card>
        <Card
          title={lists.data?.find((l) => l.id === listId)?.name ?? "All leads"}
          actions={
            listId ? (
              <Button size="sm" variant="secondary" onClick={() => void exportList()}>
                Export CSV
              </Button>
            ) : null
          }
        >
          <ErrorText error={exportError} />
          <SearchForm
            label="Search leads"
            placeholder="Search by email, name or company"
            onSearch={(term) => {
              pages.reset();
              setSubmittedSearch(term);
            }}
          />
          <QueryView
            query={leads}
            loading="Loading leads"
            isEmpty={(data) => data.items.length === 0}
            empty={<EmptyState title="No leads here">Import a CSV to add some.</EmptyState>}
          >
            {(data) => (
              <>
                <Table
                  caption="Leads"
                  rows={data.items}
                  rowKey={(l) => l.id}
                  columns={[
                    { header: "Email", cell: (l) => <span className="font-medium text-slate-900">{l.email}</span> },
                    { header: "Name", cell: (l) => [l.firstName, l.lastName].filter(Boolean).join(" ") || "—" },
                    { header: "Company", cell: (l) => l.company ?? "—" },
                    { header: "Time zone", cell: (l) => l.timeZone ?? "—" },
                    { header: "Added", cell: (l) => formatDateTime(l.createdAt) },
                  ]}
                />
                <CursorPager pages={pages} nextCursor={data.nextCursor} />
              </>
            )}
          </QueryView>
        </Card>
      </div>
    </>
  );
}
