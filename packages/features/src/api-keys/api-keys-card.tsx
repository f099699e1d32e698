import { useTRPC } from "@mailflow/api-client/react";
import { Badge, Button, Card, ErrorText, Field, Input, SecretOnce, Table } from "@mailflow/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { actionError } from "../lib/action-error.ts";
import { formatDateTime } from "../lib/format.ts";
import { useWorkspace } from "../workspace-context.tsx";

/** API keys: the full key is shown once at creation; afterwards only its 8-character prefix. */
export function ApiKeysCard() {
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.apiKeys.list.queryOptions({ workspaceId: workspace.id }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.pathKey() });
  const [name, setName] = useState("");
  const create = useMutation(trpc.apiKeys.create.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions({ onSuccess: refresh }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ workspaceId: workspace.id, name }, { onSuccess: () => setName("") });
  };
  return (
    <Card title="API keys" description="For integrations and the typed API client. Revoked keys stop working at once.">
      <form onSubmit={submit} className="mb-3 flex items-end gap-2" aria-label="Create an API key">
        <div className="flex-1">
          <Field label="Key name" error={actionError(create).message}>
            {(p) => <Input {...p} value={name} onChange={(e) => setName(e.target.value)} placeholder="CRM sync" />}
          </Field>
        </div>
        <Button type="submit" busy={create.isPending}>
          Create key
        </Button>
      </form>
      {create.data ? (
        <div className="mb-3">
          <SecretOnce label="API key" value={create.data.key} />
        </div>
      ) : null}
      {keys.data?.length ? (
        <Table
          caption="API keys"
          rows={keys.data}
          rowKey={(k) => k.id}
          columns={[
            { header: "Name", cell: (k) => k.name },
            { header: "Prefix", cell: (k) => <span className="font-mono text-xs">{k.prefix}…</span> },
            { header: "Last used", cell: (k) => formatDateTime(k.lastUsedAt) },
            {
              header: "",
              cell: (k) =>
                k.revokedAt ? (
                  <Badge tone="bad">revoked</Badge>
                ) : (
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => revoke.mutate({ workspaceId: workspace.id, apiKeyId: k.id })}
                  >
                    Revoke
                  </Button>
                ),
            },
          ]}
        />
      ) : (
        <p className="text-sm text-slate-500">No API key yet.</p>
      )}
      <ErrorText error={actionError(revoke).message} />
    </Card>
  );
}
