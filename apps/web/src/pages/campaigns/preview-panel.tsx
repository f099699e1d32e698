import { useTRPC } from "@mailflow/api-client/react";
import { Alert, Card, ErrorText, Field, Select, Spinner } from "@mailflow/ui";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useWorkspace } from "../../session/session.tsx";

/** Each step exactly as a chosen lead would receive it: variables, spintax and the compliance footer applied. */
export function PreviewPanel({ campaignId }: { campaignId: string }) {
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const leads = useQuery(trpc.leads.list.queryOptions({ workspaceId: workspace.id, limit: 100 }));
  const [leadId, setLeadId] = useState("");
  const chosen = leadId || leads.data?.items[0]?.id || "";
  const preview = useQuery({
    ...trpc.campaigns.preview.queryOptions({ workspaceId: workspace.id, campaignId, leadId: chosen }),
    enabled: Boolean(chosen),
  });
  return (
    <Card title="Preview" description="Rendered by the same code that sends.">
      <div className="mb-4 max-w-sm">
        <Field label="Preview for lead">
          {(p) => (
            <Select {...p} value={chosen} onChange={(e) => setLeadId(e.target.value)}>
              {leads.data?.items.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.email}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      {!chosen ? (
        <p className="text-sm text-slate-500">Import leads to preview the messages.</p>
      ) : preview.isPending ? (
        <Spinner label="Rendering" />
      ) : preview.isError ? (
        <ErrorText error={preview.error.message} />
      ) : (
        <div className="space-y-4">
          {preview.data.map((m) => (
            <article key={m.step} className="rounded-md border border-slate-200" aria-label={`Step ${m.step} preview`}>
              <header className="border-b border-slate-200 bg-slate-50 px-3 py-2 text-sm">
                <span className="text-xs text-slate-500">Step {m.step} · Subject</span>
                <p className="font-medium">{m.subject}</p>
              </header>
              {m.missing.length ? (
                <div className="px-3 pt-2">
                  <Alert tone="warning">This lead has no value for: {m.missing.join(", ")}.</Alert>
                </div>
              ) : null}
              <pre className="whitespace-pre-wrap break-all px-3 py-2 font-sans text-sm text-slate-800">{m.text}</pre>
            </article>
          ))}
        </div>
      )}
    </Card>
  );
}
