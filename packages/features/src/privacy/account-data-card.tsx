import { useTRPC } from "@mailflow/api-client/react";
import { Alert, Button, Card, Field, Input, QueryView } from "@mailflow/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { actionError } from "../lib/action-error.ts";
import { pollWhileRunning, RequestList } from "./request-list.tsx";

/** The signed-in person's own data: export the account, or delete it (with the password). */
export function AccountDataCard({ onDeleted }: { onDeleted: () => void }) {
  const trpc = useTRPC();
  const client = useQueryClient();
  const requests = useQuery({ ...trpc.privacy.account.list.queryOptions({}), refetchInterval: pollWhileRunning });
  const refresh = () => client.invalidateQueries({ queryKey: trpc.privacy.account.list.pathKey() });
  const exportAccount = useMutation(trpc.privacy.account.export.mutationOptions({ onSuccess: refresh }));
  const download = useMutation(trpc.privacy.account.download.mutationOptions());
  const remove = useMutation(trpc.privacy.account.delete.mutationOptions({ onSuccess: onDeleted }));
  const [password, setPassword] = useState("");
  const error = actionError(remove);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    remove.mutate({ password });
  };
  return (
    <Card title="Your data" description="Export everything MailFlow holds about your account, or delete the account.">
      <div className="space-y-4">
        <QueryView query={requests} loading="Loading your data requests">
          {(data) => <RequestList requests={data} download={(requestId) => download.mutateAsync({ requestId })} />}
        </QueryView>
        <Button variant="secondary" busy={exportAccount.isPending} onClick={() => exportAccount.mutate({})}>
          Export my account
        </Button>
        <form className="space-y-3" onSubmit={submit}>
          <Alert tone="warning">
            Deleting your account signs you out everywhere and deletes the workspaces only you belong to.
          </Alert>
          <Field label="Password to delete the account" error={error.fields.password ?? error.general}>
            {(props) => (
              <Input
                {...props}
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
          <Button type="submit" variant="danger" busy={remove.isPending}>
            Delete my account
          </Button>
        </form>
      </div>
    </Card>
  );
}
