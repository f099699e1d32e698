import type { RouterOutputs } from "@mailflow/api-client";
import { useTRPC } from "@mailflow/api-client/react";
import { actionError, ConnectionCheck } from "@mailflow/features";
import { Alert, Button, Card, Checkbox, ErrorText, Field, Input, PageHeader, Select } from "@mailflow/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { isAdmin, useWorkspace } from "../../session/session.tsx";

type Security = "tls" | "starttls";
interface Server {
  host: string;
  port: string;
  security: Security;
}
const emptyServer = (port: number, security: Security): Server => ({ host: "", port: String(port), security });

/**
 * Connect a mailbox: pick a provider (or "Other"), enter the App Password, and the server logs in to SMTP and
 * IMAP for real before anything is saved. The result shows each step (DNS, TCP, TLS, authentication).
 */
export function ConnectInboxPage() {
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const presets = useQuery(trpc.inboxes.presets.queryOptions());
  const [provider, setProvider] = useState("custom");
  const [email, setEmail] = useState("");
  const [fromName, setFromName] = useState("");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [allowSelfSigned, setAllowSelfSigned] = useState(false);
  const [smtp, setSmtp] = useState<Server>(emptyServer(465, "tls"));
  const [imap, setImap] = useState<Server>(emptyServer(993, "tls"));
  const [result, setResult] = useState<RouterOutputs["inboxes"]["connect"] | null>(null);
  const connect = useMutation(
    trpc.inboxes.connect.mutationOptions({
      onSuccess: async (r) => {
        setResult(r);
        if (r.connected) {
          setPassword("");
          await queryClient.invalidateQueries({ queryKey: trpc.inboxes.pathKey() });
        }
      },
      onError: () => setResult(null),
    }),
  );
  const error = actionError(connect);
  const preset = presets.data?.find((p) => p.id === provider);

  const choosePreset = (id: string) => {
    setProvider(id);
    const p = presets.data?.find((x) => x.id === id);
    if (p) {
      setSmtp({ host: p.smtp.host, port: String(p.smtp.port), security: p.smtp.security });
      setImap({ host: p.imap.host, port: String(p.imap.port), security: p.imap.security });
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setResult(null);
    connect.mutate({
      workspaceId: workspace.id,
      email,
      fromName,
      provider,
      password,
      allowSelfSigned,
      ...(username.trim() ? { username: username.trim() } : {}),
      smtp: { host: smtp.host.trim(), port: Number(smtp.port), security: smtp.security },
      imap: { host: imap.host.trim(), port: Number(imap.port), security: imap.security },
    });
  };

  return (
    <>
      <PageHeader
        title="Connect an inbox"
        description="SMTP to send, IMAP to detect replies and bounces. TLS 1.2 or newer is required."
      />
      <div className="grid gap-4 xl:grid-cols-[minmax(0,40rem)_minmax(0,1fr)]">
        <Card>
          <form onSubmit={submit} className="grid gap-3 sm:grid-cols-2" noValidate aria-label="Connect an inbox">
            <Field label="Provider">
              {(p) => (
                <Select {...p} value={provider} onChange={(e) => choosePreset(e.target.value)}>
                  <option value="custom">Other (enter servers)</option>
                  {presets.data?.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <div className="self-end text-xs text-slate-500">{preset?.appPasswordHelp}</div>
            <Field label="Email address" error={error.fields.email}>
              {(p) => <Input {...p} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />}
            </Field>
            <Field label="From name" error={error.fields.fromName}>
              {(p) => <Input {...p} value={fromName} onChange={(e) => setFromName(e.target.value)} />}
            </Field>
            <Field label="Username" hint="Leave empty to use the email address." error={error.fields.username}>
              {(p) => (
                <Input {...p} value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" />
              )}
            </Field>
            <Field
              label="App Password"
              hint="Sealed with AES-256-GCM; never shown again."
              error={error.fields.password}
            >
              {(p) => (
                <Input
                  {...p}
                  type="password"
                  autoComplete="new-password"
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                />
              )}
            </Field>
            <ServerFields title="SMTP (sending)" server={smtp} onChange={setSmtp} error={error.fields.smtp} />
            <ServerFields
              title="IMAP (replies and bounces)"
              server={imap}
              onChange={setImap}
              error={error.fields.imap}
            />
            {isAdmin(workspace.role) ? (
              <div className="sm:col-span-2">
                <Checkbox
                  label="Trust a self-signed certificate on these servers (admins only; TLS is still required)"
                  checked={allowSelfSigned}
                  onChange={(e) => setAllowSelfSigned(e.target.checked)}
                />
              </div>
            ) : null}
            <div className="space-y-2 sm:col-span-2">
              <ErrorText error={error.general} />
              <Button type="submit" busy={connect.isPending}>
                {connect.isPending ? "Checking SMTP and IMAP…" : "Check and connect"}
              </Button>
            </div>
          </form>
        </Card>
        <Card title="Connection check" description="Each step as the server ran it, against your real mail servers.">
          {result ? (
            <div className="space-y-3">
              {result.connected ? (
                <Alert tone="success" title={`${result.inbox.email} is connected`}>
                  <Link className="underline" to="..">
                    Back to inboxes
                  </Link>
                </Alert>
              ) : (
                <Alert tone="error" title="Not connected">
                  Fix the failed step below and try again. Nothing was saved.
                </Alert>
              )}
              <ConnectionCheck check={result.check} />
            </div>
          ) : (
            <p className="text-sm text-slate-500">
              {connect.isPending ? "Running DNS, TCP, TLS and login checks…" : "No check run yet."}
            </p>
          )}
        </Card>
      </div>
    </>
  );
}

function ServerFields({
  title,
  server,
  onChange,
  error,
}: {
  title: string;
  server: Server;
  onChange: (s: Server) => void;
  error?: string | undefined;
}) {
  return (
    <fieldset className="grid grid-cols-[1fr_5rem] gap-2 rounded-md border border-slate-200 p-3 sm:col-span-1">
      <legend className="px-1 text-xs font-medium text-slate-700">{title}</legend>
      <Field label="Host" error={error}>
        {(p) => <Input {...p} value={server.host} onChange={(e) => onChange({ ...server, host: e.target.value })} />}
      </Field>
      <Field label="Port">
        {(p) => (
          <Input
            {...p}
            inputMode="numeric"
            value={server.port}
            onChange={(e) => onChange({ ...server, port: e.target.value })}
          />
        )}
      </Field>
      <div className="col-span-2">
        <Field label="Security">
          {(p) => (
            <Select
              {...p}
              value={server.security}
              onChange={(e) => onChange({ ...server, security: e.target.value as Security })}
            >
              <option value="tls">TLS (implicit)</option>
              <option value="starttls">STARTTLS (required)</option>
            </Select>
          )}
        </Field>
      </div>
    </fieldset>
  );
}
