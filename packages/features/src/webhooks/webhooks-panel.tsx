import type { RouterOutputs } from "@mailflow/api-client";
import { useTRPC } from "@mailflow/api-client/react";
import {
  Alert,
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
  QueryView,
  SecretOnce,
  Table,
} from "@mailflow/ui";
import { webhookEvents } from "@mailflow/webhooks/events";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { actionError } from "../lib/action-error.ts";
import { CursorPager } from "../lib/cursor-pager.tsx";
import { formatDateTime } from "../lib/format.ts";
import { useCursorPages } from "../lib/pagination.ts";
import { isAdmin, useWorkspace } from "../workspace-context.tsx";

type Endpoint = RouterOutputs["webhooks"]["list"][number];

/** Signed outbound webhooks (Standard Webhooks, X-MailFlow-Signature): endpoints, secrets shown once, delivery log. */
export function WebhooksPage() {
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const endpoints = useQuery({
    ...trpc.webhooks.list.queryOptions({ workspaceId: workspace.id }),
    enabled: isAdmin(workspace.role),
  });
  const [selected, setSelected] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ title: string; value: string } | null>(null);

  if (!isAdmin(workspace.role)) {
    return (
      <>
        <PageHeader title="Webhooks" />
        <Alert tone="info">Only owners and admins manage webhooks.</Alert>
      </>
    );
  }
  const current = endpoints.data?.find((e) => e.id === selected) ?? endpoints.data?.[0];
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Events POSTed to your endpoints, signed with HMAC-SHA256, retried with backoff."
      />
      <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="space-y-4">
          <Card title="Endpoints">
            <QueryView
              query={endpoints}
              isEmpty={(data) => data.length === 0}
              empty={<EmptyState title="No endpoint yet">Add one on the right.</EmptyState>}
            >
              {(data) => (
                <Table
                  caption="Webhook endpoints"
                  rows={data}
                  rowKey={(e) => e.id}
                  columns={[
                    {
                      header: "URL",
                      cell: (e) => (
                        <button
                          type="button"
                          className="break-all text-left font-medium text-indigo-700 hover:underline"
                          onClick={() => setSelected(e.id)}
                        >
                          {e.url}
                        </button>
                      ),
                    },
                    { header: "Events", cell: (e) => <span className="text-xs">{e.events.join(", ")}</span> },
                    {
                      header: "State",
                      cell: (e) => (
                        <div>
                          <Badge tone={e.enabled ? "good" : "bad"}>{e.enabled ? "enabled" : "disabled"}</Badge>
                          {e.disabledReason ? <p className="text-xs text-slate-500">{e.disabledReason}</p> : null}
                        </div>
                      ),
                    },
                    {
                      header: "Actions",
                      cell: (e) => (
                        <EndpointActions
                          endpoint={e}
                          onSecret={(value) => setSecret({ title: "New signing secret", value })}
                        />
                      ),
                    },
                  ]}
                />
              )}
            </QueryView>
          </Card>
          {current ? <DeliveryLog endpoint={current} /> : null}
        </div>
        <CreateEndpoint onCreated={(value) => setSecret({ title: "Signing secret", value })} />
      </div>
      <Dialog open={secret !== null} onClose={() => setSecret(null)} title={secret?.title ?? ""}>
        {secret ? <SecretOnce label="signing secret" value={secret.value} /> : null}
      </Dialog>
    </>
  );
}

function CreateEndpoint({ onCreated }: { onCreated: (secret: string) => void }) {
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [events, setEvents] = useState<string[]>(["email.replied", "email.bounced", "lead.unsubscribed"]);
  const create = useMutation(
    trpc.webhooks.create.mutationOptions({
      onSuccess: async (endpoint) => {
        onCreated(endpoint.secret);
        setUrl("");
        setDescription("");
        await queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() });
      },
    }),
  );
  const error = actionError(create);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ workspaceId: workspace.id, url, description, events: events as (typeof webhookEvents)[number][] });
  };
  return (
    <Card title="Add an endpoint">
      <form onSubmit={submit} className="space-y-3" noValidate aria-label="Add an endpoint">
        <Field
          label="Endpoint URL"
          hint="HTTPS on a public host."
          error={error.fields.url ?? (error.code === "INVALID_INPUT" ? error.message : null)}
        >
          {(p) => (
            <Input
              {...p}
              type="url"
              placeholder="https://example.com/hooks/mailflow"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
            />
          )}
        </Field>
        <Field label="Description" error={error.fields.description}>
          {(p) => <Input {...p} value={description} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
        <fieldset>
          <legend className="mb-1 text-xs font-medium text-slate-700">Events</legend>
          <div className="grid gap-1">
            {webhookEvents.map((event) => (
              <Checkbox
                key={event}
                label={<span className="font-mono text-xs">{event}</span>}
                checked={events.includes(event)}
                onChange={(e) => setEvents(e.target.checked ? [...events, event] : events.filter((x) => x !== event))}
              />
            ))}
          </div>
          {error.fields.events ? <p className="text-xs text-red-600">{error.fields.events}</p> : null}
        </fieldset>
        <ErrorText error={error.code === "INVALID_INPUT" ? null : error.general} />
        <Button type="submit" busy={create.isPending}>
          Add endpoint
        </Button>
      </form>
    </Card>
  );
}

function EndpointActions({ endpoint, onSecret }: { endpoint: Endpoint; onSecret: (secret: string) => void }) {
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() });
  const update = useMutation(trpc.webhooks.update.mutationOptions({ onSuccess: refresh }));
  const rotate = useMutation(
    trpc.webhooks.rotateSecret.mutationOptions({
      onSuccess: async (e) => {
        onSecret(e.secret);
        await refresh();
      },
    }),
  );
  const remove = useMutation(trpc.webhooks.remove.mutationOptions({ onSuccess: refresh }));
  const input = { workspaceId: workspace.id, endpointId: endpoint.id };
  return (
    <div className="flex flex-wrap gap-1">
      <Button
        size="sm"
        variant="secondary"
        busy={update.isPending}
        onClick={() => update.mutate({ ...input, enabled: !endpoint.enabled })}
      >
        {endpoint.enabled ? "Disable" : "Enable"}
      </Button>
      <Button size="sm" variant="secondary" busy={rotate.isPending} onClick={() => rotate.mutate(input)}>
        Rotate secret
      </Button>
      <Button
        size="sm"
        variant="ghost"
        busy={remove.isPending}
        onClick={() => confirm(`Remove ${endpoint.url}?`) && remove.mutate(input)}
      >
        Remove
      </Button>
      <ErrorText error={actionError(update).message ?? actionError(rotate).message ?? actionError(remove).message} />
    </div>
  );
}

function DeliveryLog({ endpoint }: { endpoint: Endpoint }) {
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const pages = useCursorPages();
  const deliveries = useQuery({
    ...trpc.webhooks.deliveries.queryOptions({
      workspaceId: workspace.id,
      endpointId: endpoint.id,
      limit: 20,
      ...(pages.cursor ? { cursor: pages.cursor } : {}),
    }),
    refetchInterval: 5_000,
  });
  const redeliver = useMutation(
    trpc.webhooks.redeliver.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.deliveries.queryKey() }),
    }),
  );
  return (
    <Card title="Delivery log" description={endpoint.url}>
      <QueryView
        query={deliveries}
        isEmpty={(data) => data.items.length === 0}
        empty={<EmptyState title="No delivery yet">Events appear here as they are sent.</EmptyState>}
      >
        {(data) => (
          <>
            <Table
              caption="Deliveries"
              rows={data.items}
              rowKey={(d) => d.id}
              columns={[
                { header: "Event", cell: (d) => <span className="font-mono text-xs">{d.eventType}</span> },
                {
                  header: "Status",
                  cell: (d) => (
                    <Badge tone={d.status === "SUCCEEDED" ? "good" : d.status === "FAILED" ? "bad" : "warn"}>
                      {d.status.toLowerCase()}
                    </Badge>
                  ),
                },
                {
                  header: "Attempts",
                  cell: (d) => (
                    <details>
                      <summary className="cursor-pointer">
                        {d.attempts} · {d.lastStatus ?? d.lastError ?? "—"}
                      </summary>
                      <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
                        {d.log.map((a) => (
                          <li key={a.attemptedAt.toISOString()}>
                            {formatDateTime(a.attemptedAt)}: {a.statusCode ?? a.error} ({a.durationMs} ms)
                          </li>
                        ))}
                      </ul>
                    </details>
                  ),
                },
                { header: "Created", cell: (d) => formatDateTime(d.createdAt) },
                {
                  header: "",
                  cell: (d) =>
                    d.status === "PENDING" ? null : (
                      <Button
                        size="sm"
                        variant="secondary"
                        onClick={() => redeliver.mutate({ workspaceId: workspace.id, deliveryId: d.id })}
                      >
                        Redeliver
                      </Button>
                    ),
                },
              ]}
            />
            <ErrorText error={actionError(redeliver).message} />
            <CursorPager pages={pages} nextCursor={data.nextCursor} />
          </>
        )}
      </QueryView>
    </Card>
  );
}
