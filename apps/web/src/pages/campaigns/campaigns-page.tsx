import type { RouterOutputs } from "@mailflow/api-client";
import { useTRPC } from "@mailflow/api-client/react";
import { actionError, formatDateTime } from "@mailflow/features";
import {
  Badge,
  Button,
  Card,
  EmptyState,
  ErrorText,
  Field,
  Input,
  PageHeader,
  QueryView,
  Table,
  type Tone,
} from "@mailflow/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate } from "react-router";
import { useWorkspace } from "../../session/session.tsx";

type Campaign = RouterOutputs["campaigns"]["list"][number];
export const statusTone: Record<Campaign["status"], Tone> = {
  DRAFT: "neutral",
  ACTIVE: "good",
  PAUSED: "warn",
  COMPLETED: "info",
};

export function CampaignsPage() {
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const campaigns = useQuery(trpc.campaigns.list.queryOptions({ workspaceId: workspace.id }));
  const [name, setName] = useState("");
  const create = useMutation(
    trpc.campaigns.create.mutationOptions({
      onSuccess: async (c) => {
        await queryClient.invalidateQueries({ queryKey: trpc.campaigns.list.queryKey() });
        navigate(c.id);
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ workspaceId: workspace.id, name, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
  };
  return (
    <>
      <PageHeader
        title="Campaigns"
        description="Multi-step sequences sent from your inboxes, inside each lead's sending window."
      />
      <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_20rem]">
        <Card>
          <QueryView
            query={campaigns}
            loading="Loading campaigns"
            isEmpty={(data) => data.length === 0}
            empty={<EmptyState title="No campaign yet">Create one on the right, then write its steps.</EmptyState>}
          >
            {(data) => (
              <Table
                caption="Campaigns"
                rows={data}
                rowKey={(c) => c.id}
                columns={[
                  {
                    header: "Name",
                    cell: (c) => (
                      <Link to={c.id} className="font-medium text-indigo-700 hover:underline">
                        {c.name}
                      </Link>
                    ),
                  },
                  {
                    header: "Status",
                    cell: (c) => <Badge tone={statusTone[c.status]}>{c.status.toLowerCase()}</Badge>,
                  },
                  {
                    header: "Window",
                    cell: (c) => `${c.windowStart}–${c.windowEnd} ${c.useLeadTimeZone ? "lead's time" : c.timeZone}`,
                  },
                  { header: "Launched", cell: (c) => formatDateTime(c.launchedAt) },
                ]}
              />
            )}
          </QueryView>
        </Card>
        <Card title="New campaign">
          <form onSubmit={submit} className="space-y-2" aria-label="New campaign">
            <Field label="Name" error={actionError(create).fields.name}>
              {(p) => <Input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
            </Field>
            <ErrorText error={actionError(create).general} />
            <Button type="submit" busy={create.isPending}>
              Create campaign
            </Button>
          </form>
        </Card>
      </div>
    </>
  );
}
