import { useTRPC } from "@mailflow/api-client/react";
import { AccountDataCard, actionError } from "@mailflow/features";
import { Alert, Button, Card, ErrorText, Field, Input, PageHeader } from "@mailflow/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { useMe } from "../../session/session.tsx";

export function AccountPage() {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return (
    <>
      <PageHeader title="Account and security" description={`Signed in as ${me.user.email}`} />
      <div className="grid max-w-3xl gap-4">
        <ChangePassword />
        <LogOutEverywhere />
        <AccountDataCard
          onDeleted={() => {
            queryClient.clear();
            navigate("/login");
          }}
        />
      </div>
    </>
  );
}

function ChangePassword() {
  const trpc = useTRPC();
  const [currentPassword, setCurrent] = useState("");
  const [newPassword, setNew] = useState("");
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: () => {
        setCurrent("");
        setNew("");
      },
    }),
  );
  const error = actionError(change);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate({ currentPassword, newPassword, transport: "cookie" });
  };
  return (
    <Card title="Change password" description="Every other session, on every device, is signed out when you do.">
      <form onSubmit={submit} className="grid gap-3 sm:max-w-sm" noValidate>
        <Field
          label="Current password"
          error={error.fields.currentPassword ?? (error.code === "UNAUTHENTICATED" ? error.message : null)}
        >
          {(p) => (
            <Input
              {...p}
              type="password"
              autoComplete="current-password"
              value={currentPassword}
              onChange={(e) => setCurrent(e.target.value)}
            />
          )}
        </Field>
        <Field
          label="New password"
          error={error.fields.newPassword ?? (error.code === "WEAK_PASSWORD" ? error.message : null)}
        >
          {(p) => (
            <Input
              {...p}
              type="password"
              autoComplete="new-password"
              value={newPassword}
              onChange={(e) => setNew(e.target.value)}
            />
          )}
        </Field>
        <ErrorText error={error.code === "WEAK_PASSWORD" || error.code === "UNAUTHENTICATED" ? null : error.general} />
        {change.isSuccess ? <Alert tone="success">Password changed. Other sessions were signed out.</Alert> : null}
        <div>
          <Button type="submit" busy={change.isPending}>
            Change password
          </Button>
        </div>
      </form>
    </Card>
  );
}

function LogOutEverywhere() {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const logOut = useMutation(
    trpc.auth.logOutEverywhere.mutationOptions({
      onSuccess: () => {
        queryClient.clear();
        navigate("/login");
      },
    }),
  );
  return (
    <Card
      title="Log out everywhere"
      description="Ends every session and invalidates every token issued to you, this one included."
    >
      <Button variant="danger" busy={logOut.isPending} onClick={() => logOut.mutate()}>
        Log out everywhere
      </Button>
      <ErrorText error={actionError(logOut).message} />
    </Card>
  );
}
