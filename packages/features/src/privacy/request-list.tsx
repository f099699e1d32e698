import type { RouterOutputs } from "@mailflow/api-client";
import { Badge, Button, EmptyState, ErrorText, ProgressBar, Table } from "@mailflow/ui";
import { useState } from "react";
import { describeApiError } from "../lib/action-error.ts";
import { downloadBase64 } from "../lib/download.ts";
import { formatDateTime } from "../lib/format.ts";

export type PrivacyRequest = RouterOutputs["privacy"]["list"][number];

const kindNames: Record<PrivacyRequest["kind"], string> = {
  SUBJECT_EXPORT: "Export one person's data",
  SUBJECT_ERASURE: "Erase one person",
  WORKSPACE_EXPORT: "Export the workspace",
  ACCOUNT_EXPORT: "Export my account",
  ACCOUNT_DELETION: "Delete my account",
};
const statusTones = { QUEUED: "neutral", RUNNING: "info", DONE: "good", FAILED: "bad" } as const;

/** What a finished request found or erased, in words: "leads 1 · messages 3". */
const countsText = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(" · ");

/** Data requests with their progress, result and download; shared by the workspace page and the account page. */
export function RequestList({
  requests,
  download,
}: {
  requests: PrivacyRequest[];
  download: (requestId: string) => Promise<{ fileName: string; base64: string }>;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const save = async (id: string) => {
    setBusy(id);
    setError(null);
    try {
      const file = await download(id);
      downloadBase64(file.fileName, file.base64);
    } catch (e) {
      setError(describeApiError(e));
    } finally {
      setBusy(null);
    }
  };
  if (requests.length === 0) return <EmptyState title="No data requests yet" />;
  return (
    <>
      <Table
        caption="Data requests"
        rows={requests}
        rowKey={(r) => r.id}
        columns={[
          { header: "Request", cell: (r) => <span className="font-medium">{kindNames[r.kind]}</span> },
          {
            header: "Status",
            cell: (r) =>
              r.status === "RUNNING" || r.status === "QUEUED" ? (
                <ProgressBar label={r.stage} value={r.progress} max={100} />
              ) : (
                <Badge tone={statusTones[r.status]}>{r.status.toLowerCase()}</Badge>
              ),
          },
          {
            header: "Result",
            cell: (r) => (r.error ? <span className="text-red-700">{r.error}</span> : countsText(r.counts)),
          },
          { header: "Requested", cell: (r) => formatDateTime(r.createdAt) },
          {
            header: "",
            cell: (r) =>
              r.fileName ? (
                <Button size="sm" variant="secondary" busy={busy === r.id} onClick={() => void save(r.id)}>
                  Download
                </Button>
              ) : null,
          },
        ]}
      />
      <ErrorText error={error} />
    </>
  );
}

/** Polls while any request is still waiting or running, so the progress bars move. */
export const pollWhileRunning = (query: { state: { data?: PrivacyRequest[] | undefined } }) =>
  query.state.data?.some((r) => r.status === "QUEUED" || r.status === "RUNNING") ? 1_000 : false;
