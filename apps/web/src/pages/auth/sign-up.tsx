import { useTRPC } from "@mailflow/api-client/react";
import { actionError } from "@mailflow/features";
import { Button, ErrorText, Field, Input, Select } from "@mailflow/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate } from "react-router";
import { AuthLayout } from "./auth-layout.tsx";

export function SignUpPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [form, setForm] = useState({
    name: "",
    email: "",
    password: "",
    workspaceName: "",
    region: "US" as "US" | "EU",
  });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  const signUp = useMutation(
    trpc.auth.signUp.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries();
        navigate("/");
      },
    }),
  );
  const error = actionError(signUp);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signUp.mutate({
      name: form.name,
      email: form.email,
      password: form.password,
      region: form.region,
      transport: "cookie",
      ...(form.workspaceName.trim() ? { workspaceName: form.workspaceName.trim() } : {}),
    });
  };
  return (
    <AuthLayout
      title="Create your account"
      footer={
        <>
          Already have an account?{" "}
          <Link className="text-indigo-700 underline" to="/login">
            Log in
          </Link>
        </>
      }
    >
      <form onSubmit={submit} className="space-y-3" noValidate>
        <Field label="Your name" error={error.fields.name}>
          {(p) => <Input {...p} autoComplete="name" value={form.name} onChange={set("name")} />}
        </Field>
        <Field label="Work email" error={error.fields.email}>
          {(p) => <Input {...p} type="email" autoComplete="email" value={form.email} onChange={set("email")} />}
        </Field>
        <Field
          label="Password"
          hint="At least 12 characters; common and breached passwords are refused."
          error={error.fields.password ?? (error.code === "WEAK_PASSWORD" ? error.message : null)}
        >
          {(p) => (
            <Input
              {...p}
              type="password"
              autoComplete="new-password"
              value={form.password}
              onChange={set("password")}
            />
          )}
        </Field>
        <Field label="Workspace name" hint="Optional: you can rename it later." error={error.fields.workspaceName}>
          {(p) => <Input {...p} value={form.workspaceName} onChange={set("workspaceName")} />}
        </Field>
        <Field label="Data region" hint="Where this workspace's data is stored.">
          {(p) => (
            <Select {...p} value={form.region} onChange={set("region")}>
              <option value="US">United States</option>
              <option value="EU">European Union</option>
            </Select>
          )}
        </Field>
        <ErrorText error={error.code === "WEAK_PASSWORD" ? null : error.general} />
        <Button type="submit" busy={signUp.isPending} className="w-full">
          Create account
        </Button>
      </form>
    </AuthLayout>
  );
}
