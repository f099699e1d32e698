import { useTRPC } from "@mailflow/api-client/react";
import { actionError } from "@mailflow/features";
import { Button, ErrorText, Field, Input } from "@mailflow/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { AuthLayout } from "./auth-layout.tsx";
import { GoogleSignInError, GoogleSignInLink } from "./google-sign-in.tsx";
import { safeNext } from "./safe-next.ts";

export function LogInPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const logIn = useMutation(
    trpc.auth.logIn.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries();
        navigate(safeNext(params.get("next")));
      },
    }),
  );
  const error = actionError(logIn);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    logIn.mutate({ email, password, transport: "cookie" });
  };
  return (
    <AuthLayout
      title="Log in"
      footer={
        <>
          New to MailFlow?{" "}
          <Link className="text-indigo-700 underline" to="/signup">
            Create an account
          </Link>
        </>
      }
    >
      <GoogleSignInError code={params.get("signin_error")} />
      <form onSubmit={submit} className="space-y-3" noValidate>
        <Field label="Email" error={error.fields.email}>
          {(p) => (
            <Input
              {...p}
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              required
            />
          )}
        </Field>
        <Field label="Password" error={error.fields.password}>
          {(p) => (
            <Input
              {...p}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
          )}
        </Field>
        <ErrorText error={error.general} />
        <Button type="submit" busy={logIn.isPending} className="w-full">
          Log in
        </Button>
        <GoogleSignInLink next={safeNext(params.get("next"))} />
      </form>
    </AuthLayout>
  );
}
