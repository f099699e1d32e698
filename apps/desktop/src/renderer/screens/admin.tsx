import { useTRPC } from "@mailflow/api-client/react";
import { actionError, CursorPager, formatDateTime, useCursorPages } from "@mailflow/features";
import { Badge, Card, ErrorText, PageHeader, QueryView, SearchForm, Select, TabBar, Table } from "@mailflow/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

/**
 * Platform-operator screens: every workspace (plan, region, health) and every account. The server refuses each of
 * these calls to anyone who is not an operator; this screen is only shown to operators for convenience.
 */
export function AdminScreen() {
  const [tab, setTab] = useState<"Workspaces" | "Users">("Workspaces");
  return (
    <>
      <PageHeader title="Platform" description="Operator view of every workspace and account on this server." />
      <TabBar
        label="Platform sections"
        tabs={[
          { id: "Workspaces", label: "Workspaces" },
          { id: "Users", label: "Users" },
        ]}
        selected={tab}
        onSelect={setTab}
      />
      {tab === "Workspaces" ? <AllWorkspaces /> : <AllUsers />}
    </>
  );
}

function AllWorkspaces() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const pages = useCursorPages();
  const [search, setSearch] = useState("");
  const list = useQuery(
    trpc.admin.workspaces.queryOptions({
      limit: 50,
      ...(search ? { search } : {}),
      ...(pages.cursor ? { cursor: pages.cursor } : {}),
    }),
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.admin.workspaces.queryKey() });
  const setPlan = useMutation(trpc.admin.setPlan.mutationOptions({ onSuccess: refresh }));
  const setRegion = useMutation(trpc.admin.setRegion.mutationOptions({ onSuccess: refresh }));
  return (
    <Card>
      <SearchForm
        label="Search workspaces"
        placeholder="Workspace name"
        onSearch={(term) => {
          pages.reset();
          setSearch(term);
        }}
      />
      <ErrorText error={actionError(setPlan).message ?? actionError(setRegion).message} />
      <QueryView query={list} isEmpty={(d) => d.items.length === 0}>
        {(data) => (
          <>
            <Table
              caption="All workspaces"
              rows={data.items}
              rowKey={(w) => w.id}
              columns={[
                { header: "Workspace", cell: (w) => <span className="font-medium">{w.name}</span> },
                {
                  header: "Plan",
                  cell: (w) => (
                    <Select
                      aria-label={`Plan of ${w.name}`}
                      value={w.plan}
                      onChange={(e) =>
                        setPlan.mutate({ workspaceId: w.id, plan: e.target.value as "FREE" | "PRO" | "SCALE" })
                      }
                    >
                      <option value="FREE">Free</option>
                      <option value="PRO">Pro</option>
                      <option value="SCALE">Scale</option>
                    </Select>
                  ),
                },
                {
                  header: "Region",
                  cell: (w) => (
                    <Select
                      aria-label={`Region of ${w.name}`}
                      value={w.region}
                      onChange={(e) => setRegion.mutate({ workspaceId: w.id, region: e.target.value as "EU" | "US" })}
                    >
                      <option value="US">US</option>
                      <option value="EU">EU</option>
                    </Select>
                  ),
                },
                { header: "Members", cell: (w) => w.members },
                {
                  header: "Inboxes",
                  cell: (w) => (
                    <span className="flex gap-1">
                      <Badge tone="good">{w.inboxes.active} active</Badge>
                      {w.inboxes.paused ? <Badge tone="warn">{w.inboxes.paused} paused</Badge> : null}
                      {w.inboxes.error ? <Badge tone="bad">{w.inboxes.error} failing</Badge> : null}
                    </span>
                  ),
                },
                { header: "Queue", cell: (w) => w.queueDepth },
                { header: "Created", cell: (w) => formatDateTime(w.createdAt) },
              ]}
            />
            <CursorPager pages={pages} nextCursor={data.nextCursor} />
          </>
        )}
      </QueryView>
    </Card>
  );
}

function AllUsers() {
  const trpc = useTRPC();
  const pages = useCursorPages();
  const [search, setSearch] = useState("");
  const list = useQuery(
    trpc.admin.users.queryOptions({
      limit: 50,
      ...(search ? { search } : {}),
      ...(pages.cursor ? { cursor: pages.cursor } : {}),
    }),
  );
  return (
    <Card>
      <SearchForm
        label="Search users"
        placeholder="Email"
        onSearch={(term) => {
          pages.reset();
          setSearch(term);
        }}
      />
      <QueryView query={list} isEmpty={(d) => d.items.length === 0}>
        {(data) => (
          <>
            <Table
              caption="All users"
              rows={data.items}
              rowKey={(u) => u.id}
              columns={[
                { header: "Email", cell: (u) => <span className="font-medium">{u.email}</span> },
                { header: "Name", cell: (u) => u.name },
                { header: "Workspaces", cell: (u) => u.workspaces },
                { header: "Role", cell: (u) => (u.platformAdmin ? <Badge tone="info">operator</Badge> : "—") },
                { header: "Joined", cell: (u) => formatDateTime(u.createdAt) },
              ]}
            />
            <CursorPager pages={pages} nextCursor={data.nextCursor} />
          </>
        )}
      </QueryView>
    </Card>
  );
}
