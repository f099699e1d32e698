import type { RouterOutputs } from "@mailflow/api-client";
import { useTRPC, useTRPCClient } from "@mailflow/api-client/react";
import { describeApiError, downloadText, formatNumber } from "@mailflow/features";
import { type LeadField, leadFields, planColumns } from "@mailflow/leads/columns";
import {
  Alert,
  Button,
  Card,
  ErrorText,
  Field,
  Input,
  PageHeader,
  ProgressBar,
  Select,
  Stat,
  Table,
} from "@mailflow/ui";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { toBase64 } from "../../lib/base64.ts";
import { parseCsvHeader, readFirstLine, rejectionsCsv } from "../../lib/csv-header.ts";
import { useWorkspace } from "../../session/session.tsx";

type ImportStatus = RouterOutputs["leads"]["importStatus"];
const fieldLabels: Record<LeadField, string> = {
  email: "Email",
  firstName: "First name",
  lastName: "Last name",
  company: "Company",
  title: "Job title",
  timeZone: "Time zone",
};

/**
 * CSV import: choose a file, map its columns, upload it in chunks (a progress bar for the upload, then for the
 * server reading it), and get a report: good rows are imported, bad rows are listed by line and downloadable.
 */
export function ImportLeadsPage() {
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const lists = useQuery(trpc.leads.lists.queryOptions({ workspaceId: workspace.id }));
  const [listId, setListId] = useState(params.get("list") ?? "");
  const [newListName, setNewListName] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [header, setHeader] = useState<string[]>([]);
  const [mapping, setMapping] = useState<Partial<Record<LeadField, string>>>({});
  const [phase, setPhase] = useState<"idle" | "uploading" | "processing" | "done">("idle");
  const [uploaded, setUploaded] = useState(0);
  const [importId, setImportId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const status = useQuery({
    ...trpc.leads.importStatus.queryOptions({ workspaceId: workspace.id, importId: importId ?? "" }),
    enabled: importId !== null && phase === "processing",
    refetchInterval: (q) => (q.state.data && ["DONE", "FAILED"].includes(q.state.data.status) ? false : 500),
  });
  const finished = status.data && (status.data.status === "DONE" || status.data.status === "FAILED");
  useEffect(() => {
    if (!finished || phase !== "processing") return;
    setPhase("done");
    void queryClient.invalidateQueries({ queryKey: trpc.leads.pathKey() });
  }, [finished, phase, queryClient, trpc]);

  const chooseFile = async (chosen: File | null) => {
    setFile(chosen);
    setError(null);
    if (!chosen) return setHeader([]);
    const names = parseCsvHeader(await readFirstLine(chosen));
    setHeader(names);
    // Start from what the server would guess, so the person only fixes what it got wrong.
    const plan = planColumns(names);
    setMapping(
      typeof plan === "string"
        ? {}
        : Object.fromEntries(Object.entries(plan.fields).map(([field, index]) => [field, names[index]!])),
    );
  };

  const start = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!file) return setError("Choose a CSV file.");
    if (!mapping.email) return setError("Choose the column that holds the email address.");
    try {
      let targetList = listId;
      if (!targetList) {
        if (!newListName.trim()) return setError("Choose a list or name a new one.");
        targetList = (await client.leads.createList.mutate({ workspaceId: workspace.id, name: newListName.trim() })).id;
        setListId(targetList);
      }
      setPhase("uploading");
      setUploaded(0);
      const started = await client.leads.startImport.mutate({
        workspaceId: workspace.id,
        listId: targetList,
        fileName: file.name,
        bytes: file.size,
        mapping,
      });
      for (let offset = 0, seq = 0; offset < file.size; offset += started.chunkBytes, seq++) {
        const chunk = new Uint8Array(await file.slice(offset, offset + started.chunkBytes).arrayBuffer());
        const result = await client.leads.uploadChunk.mutate({
          workspaceId: workspace.id,
          importId: started.importId,
          seq,
          data: toBase64(chunk),
        });
        setUploaded(result.bytesUploaded);
      }
      await client.leads.finishImport.mutate({ workspaceId: workspace.id, importId: started.importId });
      setImportId(started.importId);
      setPhase("processing");
    } catch (err) {
      setPhase("idle");
      setError(describeApiError(err));
    }
  };

  const busy = phase === "uploading" || phase === "processing";
  return (
    <>
      <PageHeader
        title="Import leads"
        description="A CSV with a header row. Bad rows are reported by line; the good ones are imported."
      />
      <div className="grid gap-4 xl:grid-cols-2">
        <Card title="File and columns">
          <form onSubmit={start} className="space-y-3" noValidate aria-label="Import leads">
            <div className="grid gap-3 sm:grid-cols-2">
              <Field label="Into list">
                {(p) => (
                  <Select {...p} value={listId} onChange={(e) => setListId(e.target.value)} disabled={busy}>
                    <option value="">New list…</option>
                    {lists.data?.map((l) => (
                      <option key={l.id} value={l.id}>
                        {l.name} ({formatNumber(l.leadCount)})
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              {listId ? null : (
                <Field label="New list name">
                  {(p) => (
                    <Input
                      {...p}
                      value={newListName}
                      onChange={(e) => setNewListName(e.target.value)}
                      disabled={busy}
                    />
                  )}
                </Field>
              )}
            </div>
            <Field
              label="CSV file"
              hint="Up to 1 GiB. Duplicates (in the file or already in the workspace) are skipped."
            >
              {(p) => (
                <Input
                  {...p}
                  type="file"
                  accept=".csv,text/csv"
                  disabled={busy}
                  onChange={(e) => void chooseFile(e.target.files?.[0] ?? null)}
                />
              )}
            </Field>
            {header.length ? (
              <fieldset className="grid gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-2">
                <legend className="px-1 text-xs font-medium text-slate-700">Column mapping</legend>
                {leadFields.map((field) => (
                  <Field key={field} label={fieldLabels[field]}>
                    {(p) => (
                      <Select
                        {...p}
                        value={mapping[field] ?? ""}
                        disabled={busy}
                        onChange={(e) => setMapping({ ...mapping, [field]: e.target.value || undefined })}
                      >
                        <option value="">{field === "email" ? "Choose a column" : "Not imported"}</option>
                        {header.map((h) => (
                          <option key={h} value={h}>
                            {h}
                          </option>
                        ))}
                      </Select>
                    )}
                  </Field>
                ))}
                <p className="text-xs text-slate-500 sm:col-span-2">
                  Other columns become custom variables under their own names.
                </p>
              </fieldset>
            ) : null}
            <ErrorText error={error} />
            <Button type="submit" busy={busy}>
              Import
            </Button>
          </form>
        </Card>
        <Card title="Progress">
          {phase === "idle" && !status.data ? <p className="text-sm text-slate-500">Nothing imported yet.</p> : null}
          {phase === "uploading" && file ? <ProgressBar label="Uploading" value={uploaded} max={file.size} /> : null}
          {phase === "processing" ? (
            <ProgressBar label="Reading rows" value={status.data?.percent ?? 0} max={100} />
          ) : null}
          {phase === "done" && status.data ? <ImportReport report={status.data} /> : null}
        </Card>
      </div>
    </>
  );
}

function ImportReport({ report }: { report: ImportStatus }) {
  return (
    <div className="space-y-3">
      {report.fatal ? (
        <Alert tone="error" title="The import stopped">
          {report.fatal}
        </Alert>
      ) : null}
      {report.status === "DONE" && !report.fatal ? (
        <Alert tone="success" title="Import finished">
          <Link className="underline" to={`../leads?list=${report.listId}`}>
            See the list
          </Link>
        </Alert>
      ) : null}
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        <Stat label="Rows read" value={formatNumber(report.processed)} />
        <Stat label="Imported" value={formatNumber(report.imported)} />
        <Stat label="Duplicates" value={formatNumber(report.duplicates)} />
        <Stat label="Rejected" value={formatNumber(report.rejected)} />
      </dl>
      {report.rejections.length ? (
        <>
          <div className="flex items-center justify-between">
            <h3 className="text-sm font-medium">Rejected rows</h3>
            <Button
              size="sm"
              variant="secondary"
              onClick={() => downloadText(`rejected-${report.fileName}`, rejectionsCsv(report.rejections))}
            >
              Download report
            </Button>
          </div>
          <Table
            caption="Rejected rows"
            rows={report.rejections.slice(0, 100)}
            rowKey={(r) => String(r.line)}
            columns={[
              { header: "Line", cell: (r) => r.line },
              { header: "Reason", cell: (r) => r.reason },
            ]}
          />
        </>
      ) : null}
    </div>
  );
}
