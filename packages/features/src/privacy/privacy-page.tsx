import { useTRPC } from "@mailflow/api-client/react";
import { Alert, Button, Card, Field, Input, PageHeader, QueryView } from "@mailflow/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { actionError } from "../lib/action-error.ts";
import { useWorkspace } from "../workspace-context.tsx";
import { pollWhileRunning, RequestList } from "./request-list.tsx";

/**
 * GDPR/CCPA requests for the workspace (admins): export or erase everything about one email address, export the
 * whole workspace. Each runs as a job; the list shows its progress and offers the file when it is ready.
 */
export function PrivacyPage() {
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const client = useQueryClient();
  const requests = useQuery({
    ...trpc.privacy.list.queryOptions({ workspaceId: workspace.id }),
    refetchInterval: pollWhileRunning,
  });
  const refresh = () => client.invalidateQueries({ queryKey: trpc.privacy.list.pathKey() });
  const download = useMutation(trpc.privacy.download.mutationOptions());
  const exportWorkspace = useMutation(trpc.privacy.exportWorkspace.mutationOptions({ onSuccess: refresh }));
  return (
    <>
      <PageHeader
        title="Data requests"
        description="Answer access and erasure requests (GDPR, CCPA). Exports are zip files of JSON and CSV, kept for 7 days."
      />
      <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <Card title="Requests">
          <QueryView query={requests} loading="Loading data requests">
            {(data) => (
              <RequestList
                requests={data}
                download={(requestId) => download.mutateAsync({ workspaceId: workspace.id, requestId })}
              />
            )}
          </QueryView>
        </Card>
        <div className="space-y-4">
          <SubjectExportForm onQueued={refresh} />
          <SubjectErasureForm onQueued={refresh} />
          <Card title="Export the workspace" description="Every lead, campaign, message, reply and log; no secrets.">
            <Button
              variant="secondary"
              busy={exportWorkspace.isPending}
              onClick={() => exportWorkspace.mutate({ workspaceId: workspace.id })}
            >
              Export the workspace
            </Button>
            <p className="text-xs text-red-700">{actionError(exportWorkspace).general}</p>
          </Card>
        </div>
      </div>
    </>
  );
}

function SubjectExportForm({ onQueued }: { onQueued: () => void }) {
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const [email, setEmail] = useState("");
  const request = useMutation(trpc.privacy.exportSubject.mutationOptions({ onSuccess: onQueued }));
  const error = actionError(request);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    request.mutate({ workspaceId: workspace.id, email }, { onSuccess: () => setEmail("") });
  };
  return (
    <Card title="Export one person's data" description="Everything this workspace holds about an email address.">
      <form className="space-y-3" onSubmit={submit}>
        <Field label="Email address to export" error={error.fields.email ?? error.general}>
          {(props) => (
            <Input {...props} type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          )}
        </Field>
        <Button type="submit" busy={request.isPending}>
          Export
        </Button>
      </form>
    </Card>
  );
}

function SubjectErasureForm({ onQueued }: { onQueued: () => void }) {
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const [email, setEmail] = useState("");
  const [confirmEmail, setConfirmEmail] = useState("");
  const request = useMutation(trpc.privacy.eraseSubject.mutationOptions({ onSuccess: onQueued }));
  const error = actionError(request);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    request.mutate(
      { workspaceId: workspace.id, email, confirmEmail },
      {
        onSuccess: () => {
          setEmail("");
          setConfirmEmail("");
        },
      },
    );
  };
  return (
    <Card
      title="Erase one person"
      description="Deletes the lead, messages, replies and webhook logs; keeps only a salted hash so they are never mailed again."
    >
      <form className="space-y-3" onSubmit={submit}>
        <Alert tone="warning">This cannot be undone, and earlier exports about this person are deleted too.</Alert>
        <Field label="Email address to erase" error={error.fields.email}>
          {(props) => (
            <Input {...props} type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          )}
        </Field>
        <Field label="Type the address again" error={error.fields.confirmEmail ?? error.general}>
          {(props) => (
            <Input
              {...props}
              type="email"
              required
              value={confirmEmail}
              onChange={(e) => setConfirmEmail(e.target.value)}
            />
          )}
        </Field>
        <Button type="submit" variant="danger" busy={request.isPending}>
          Erase
        </Button>
      </form>
    </Card>
  );
}
