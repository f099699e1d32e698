import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { signUpThroughApi } from "../fixtures/api.ts";
import { PASSWORD } from "../fixtures/browser.ts";
import { BASE_URL, readStackInfo } from "../fixtures/env.ts";

/** examples/list-campaigns.ts, the typed client's documented example, run as a user would against the real server. */
test("the integration example lists a workspace's campaigns with an API key", async () => {
  const tag = randomBytes(3).toString("hex");
  const owner = await signUpThroughApi(`example-${tag}@example.org`, `Example ${tag}`, PASSWORD);
  await owner.api.campaigns.create.mutate({ workspaceId: owner.workspaceId, name: `Spring outreach ${tag}` });
  const { key } = await owner.api.apiKeys.create.mutate({ workspaceId: owner.workspaceId, name: "example script" });

  const run = (env: Record<string, string>) =>
    promisify(execFile)("pnpm", ["exec", "tsx", "list-campaigns.ts"], {
      cwd: fileURLToPath(new URL("../../examples", import.meta.url)),
      // The e2e server's certificate is self-signed: Node's fetch trusts it through NODE_EXTRA_CA_CERTS.
      env: { PATH: process.env.PATH!, NODE_EXTRA_CA_CERTS: readStackInfo().certFile, ...env },
    });
  const { stdout } = await run({ MAILFLOW_URL: BASE_URL, MAILFLOW_API_KEY: key });
  expect(stdout).toBe(
    `Example ${tag}'s team: 1 campaign(s)\nSpring outreach ${tag} | draft | 0 leads | 0 sent | 0 replied\n`,
  );

  // A revoked key: a readable sentence and a failing exit code, no stack trace.
  const [created] = await owner.api.apiKeys.list.query({ workspaceId: owner.workspaceId });
  await owner.api.apiKeys.revoke.mutate({ workspaceId: owner.workspaceId, apiKeyId: created!.id });
  await expect(run({ MAILFLOW_URL: BASE_URL, MAILFLOW_API_KEY: key })).rejects.toMatchObject({
    code: 1,
    stderr: "This API key is invalid or has been revoked.\n",
  });
});
