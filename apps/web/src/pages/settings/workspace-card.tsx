import { useTRPC } from "@mailflow/api-client/react";
import { actionError } from "@mailflow/features";
import { Badge, Button, Card, ErrorText, Field, Input, Spinner, Textarea } from "@mailflow/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { isAdmin, useWorkspace } from "../../session/session.tsx";

/** Name, region and plan, and the sender identity every message's footer carries (required before launch). */
export function WorkspaceCard() {
  const summary = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const workspace = useQuery(trpc.workspaces.get.queryOptions({ workspaceId: summary.id }));
  const [name, setName] = useState("");
  const [company, setCompany] = useState("");
  const [address, setAddress] = useState("");
  useEffect(() => {
    if (!workspace.data) return;
    setName(workspace.data.name);
    setCompany(workspace.data.senderCompany ?? "");
    setAddress(workspace.data.senderAddress ?? "");
  }, [workspace.data]);
  const refresh = () => queryClient.invalidateQueries();
  const rename = useMutation(trpc.workspaces.rename.mutationOptions({ onSuccess: refresh }));
  const identity = useMutation(trpc.workspaces.updateSenderIdentity.mutationOptions({ onSuccess: refresh }));
  if (workspace.isPending) return <Spinner />;
  if (workspace.isError) return <ErrorText error={workspace.error.message} />;
  const admin = isAdmin(summary.role);
  const identityError = actionError(identity);
  const saveIdentity = (e: FormEvent) => {
    e.preventDefault();
    identity.mutate({ workspaceId: summary.id, companyName: company, postalAddress: address });
  };
  return (
    <Card title="Workspace">
      <dl className="mb-4 grid grid-cols-2 gap-2 text-sm">
        <div>
          <dt className="text-xs text-slate-500">Data region</dt>
          <dd>
            <Badge tone="info">{workspace.data.region}</Badge>{" "}
            <span className="text-xs text-slate-500">its data is stored only there</span>
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Plan</dt>
          <dd>
            <Badge>{workspace.data.plan.toLowerCase()}</Badge>
          </dd>
        </div>
      </dl>
      <fieldset disabled={!admin} className="space-y-4">
        <form
          className="flex items-end gap-2"
          aria-label="Rename the workspace"
          onSubmit={(e) => {
            e.preventDefault();
            rename.mutate({ workspaceId: summary.id, name });
          }}
        >
          <div className="flex-1">
            <Field label="Name" error={actionError(rename).message}>
              {(p) => <Input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
            </Field>
          </div>
          <Button type="submit" variant="secondary" busy={rename.isPending}>
            Rename
          </Button>
        </form>
        <form onSubmit={saveIdentity} className="space-y-2 border-t border-slate-200 pt-3" aria-label="Sender identity">
          <h3 className="text-sm font-medium">Sender identity</h3>
          <p className="text-xs text-slate-500">
            Anti-spam law (CAN-SPAM, CASL) requires it in every message, with the unsubscribe link.
          </p>
          <Field label="Company name" error={identityError.fields.companyName}>
            {(p) => <Input {...p} value={company} onChange={(e) => setCompany(e.target.value)} />}
          </Field>
          <Field label="Postal address" error={identityError.fields.postalAddress}>
            {(p) => (
              <Textarea
                {...p}
                rows={3}
                className="font-sans"
                value={address}
                onChange={(e) => setAddress(e.target.value)}
              />
            )}
          </Field>
          <ErrorText error={identityError.general} />
          <div className="flex items-center gap-2">
            <Button type="submit" busy={identity.isPending}>
              Save sender identity
            </Button>
            {identity.isSuccess ? (
              <span role="status" className="text-sm text-emerald-700">
                Saved.
              </span>
            ) : null}
          </div>
        </form>
      </fieldset>
    </Card>
  );
}
