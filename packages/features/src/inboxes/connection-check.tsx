import type { RouterOutputs } from "@mailflow/api-client";
import { CheckSteps } from "@mailflow/ui";

type Check = RouterOutputs["inboxes"]["test"]["check"];

const stepNames = { dns: "DNS", tcp: "TCP connection", tls: "TLS", auth: "Authentication" } as const;

/** The real SMTP and IMAP checks, step by step, as the server ran them. */
export function ConnectionCheck({ check }: { check: Check }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {([check.smtp, check.imap] as const).map((protocol) => (
        <div key={protocol.protocol}>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
            {protocol.protocol.toUpperCase()} {protocol.ok ? "· passed" : "· failed"}
          </h3>
          <CheckSteps
            label={`${protocol.protocol.toUpperCase()} check`}
            steps={protocol.steps.map((s) => ({
              name: stepNames[s.step],
              ok: s.status === "ok" ? true : s.status === "failed" ? false : null,
              detail: s.message,
            }))}
          />
        </div>
      ))}
    </div>
  );
}
