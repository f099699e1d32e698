import { Alert, Card, PageHeader, QueryView, Table } from "@mailflow/ui";
import { useQuery } from "@tanstack/react-query";

interface Subprocessors {
  version: number;
  updated: string;
  note: string;
  entries: {
    name: string;
    purpose: string;
    location: string;
    data: string;
    added: string;
    changed?: string;
    change?: string;
  }[];
}

/** Public, no sign-in: who processes data for the hosted service, since when, and where the advisories are. */
export function TrustPage() {
  const list = useQuery({
    queryKey: ["trust", "subprocessors"],
    queryFn: async (): Promise<Subprocessors> => {
      const response = await fetch("/trust/subprocessors.json");
      if (!response.ok) throw new Error("The subprocessor list could not be loaded.");
      return response.json();
    },
  });
  return (
    <div className="mx-auto max-w-5xl px-4 py-8">
      <PageHeader
        title="Trust"
        description={
          <>
            Security advisories:{" "}
            <a className="text-indigo-700 underline" href="/trust/advisories.atom">
              Atom feed
            </a>{" "}
            · report a vulnerability:{" "}
            <a className="text-indigo-700 underline" href="/.well-known/security.txt">
              security.txt
            </a>
          </>
        }
      />
      <Card title="Subprocessors">
        <QueryView query={list} loading="Loading the list">
          {(data) => (
            <div className="space-y-3">
              <Alert tone="info">{data.note}</Alert>
              <Table
                caption="Subprocessors"
                rows={data.entries}
                rowKey={(e) => e.name}
                columns={[
                  { header: "Subprocessor", cell: (e) => <span className="font-medium">{e.name}</span> },
                  { header: "Purpose", cell: (e) => e.purpose },
                  { header: "Location", cell: (e) => e.location },
                  { header: "Data", cell: (e) => e.data },
                  {
                    header: "Added / changed",
                    cell: (e) => (
                      <span>
                        {e.added}
                        {e.changed ? (
                          <span className="block text-xs text-slate-500">
                            changed {e.changed}: {e.change}
                          </span>
                        ) : null}
                      </span>
                    ),
                  },
                ]}
              />
              <p className="text-xs text-slate-500">
                List version {data.version}, updated {data.updated}.
              </p>
            </div>
          )}
        </QueryView>
      </Card>
    </div>
  );
}
