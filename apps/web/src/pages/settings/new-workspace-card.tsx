import { useTRPC } from "@mailflow/api-client/react";
import { actionError } from "@mailflow/features";
import { Button, Card, ErrorText, Field, Input, Select } from "@mailflow/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";

/** Agencies keep one workspace per client: a new one starts empty, owned by you, in the region you pick. */
export function NewWorkspaceCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const [region, setRegion] = useState<"US" | "EU">("US");
  const create = useMutation(
    trpc.workspaces.create.mutationOptions({
      onSuccess: async (w) => {
        await queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() });
        navigate(`/w/${w.id}/settings`);
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name, region });
  };
  return (
    <Card title="New workspace">
      <form
        onSubmit={submit}
        className="grid gap-2 sm:grid-cols-[1fr_10rem_auto] sm:items-end"
        aria-label="Create a workspace"
      >
        <Field label="Workspace name" error={actionError(create).fields.name}>
          {(p) => <Input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Region">
          {(p) => (
            <Select {...p} value={region} onChange={(e) => setRegion(e.target.value as "US" | "EU")}>
              <option value="US">United States</option>
              <option value="EU">European Union</option>
            </Select>
          )}
        </Field>
        <Button type="submit" variant="secondary" busy={create.isPending}>
          Create
        </Button>
      </form>
      <ErrorText error={actionError(create).general} />
    </Card>
  );
}
