import { Alert, Button, cn, ErrorText, Field, Input } from "@mailflow/ui";
import { type FormEvent, useState } from "react";
import type { DesktopSession } from "../../shared/bridge.ts";
import { bridge } from "../bridge.ts";

/** Server address plus email and password, or an API key. The token is kept by the main process, not here. */
export function SignInScreen({ onSignedIn }: { onSignedIn: (session: DesktopSession) => void }) {
  const [method, setMethod] = useState<"password" | "apiKey">("password");
  const [serverUrl, setServerUrl] = useState("https://");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [apiKey, setApiKey] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const result = await bridge().signIn(
      method === "password" ? { method, serverUrl, email, password } : { method, serverUrl, apiKey },
    );
    setBusy(false);
    if (result.ok) onSignedIn(result.session);
    else setError(result.message);
  };
  return (
    <div className="flex min-h-full items-center justify-center px-4 py-12">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="mb-1 text-lg font-semibold text-indigo-700">MailFlow Admin</h1>
        <p className="mb-4 text-sm text-slate-500">Sign in to your MailFlow server.</p>
        <div role="tablist" aria-label="Sign-in method" className="mb-4 flex gap-1 rounded-md bg-slate-100 p-1">
          {(["password", "apiKey"] as const).map((m) => (
            <button
              key={m}
              type="button"
              role="tab"
              aria-selected={method === m}
              onClick={() => setMethod(m)}
              className={cn(
                "flex-1 rounded px-2 py-1 text-sm",
                method === m ? "bg-white font-medium shadow-xs" : "text-slate-600",
              )}
            >
              {m === "password" ? "Email and password" : "API key"}
            </button>
          ))}
        </div>
        <form onSubmit={submit} className="space-y-3" aria-label="Sign in" noValidate>
          <Field label="Server address" hint="The https:// address of your MailFlow server.">
            {(p) => <Input {...p} type="url" value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} />}
          </Field>
          {method === "password" ? (
            <>
              <Field label="Email">
                {(p) => (
                  <Input
                    {...p}
                    type="email"
                    autoComplete="username"
                    value={email}
                    onChange={(e) => setEmail(e.target.value)}
                  />
                )}
              </Field>
              <Field label="Password">
                {(p) => (
                  <Input
                    {...p}
                    type="password"
                    autoComplete="current-password"
                    value={password}
                    onChange={(e) => setPassword(e.target.value)}
                  />
                )}
              </Field>
            </>
          ) : (
            <Field label="API key" hint="Acts in the one workspace it belongs to.">
              {(p) => <Input {...p} type="password" value={apiKey} onChange={(e) => setApiKey(e.target.value)} />}
            </Field>
          )}
          <ErrorText error={error} />
          <Button type="submit" className="w-full" busy={busy}>
            Sign in
          </Button>
        </form>
        <div className="mt-4">
          <Alert tone="info">
            Your token is kept encrypted by your system's keychain and never shown to this window.
          </Alert>
        </div>
      </div>
    </div>
  );
}
