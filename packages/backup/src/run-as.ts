import { execFile } from "node:child_process";
import { promisify } from "node:util";

const exec = promisify(execFile);

/**
 * Runs a program, as `user` when this process is root (pg_ctl refuses to run as root, and files pgBackRest writes
 * must belong to the cluster's owner). The arguments are passed as a list: nothing goes through a shell.
 */
export async function runAs(
  user: string | undefined,
  program: string,
  args: readonly string[],
  options: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<string> {
  const asOther = user !== undefined && process.getuid?.() === 0;
  const [file, argv] = asOther ? ["runuser", ["-u", user, "--", program, ...args]] : [program, [...args]];
  try {
    const { stdout } = await exec(file, argv, {
      env: { ...process.env, ...options.env },
      timeout: options.timeoutMs ?? 600_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(
      `${program} ${args.filter((a) => !a.includes("cipher-pass")).join(" ")} failed: ${(e.stderr || e.stdout || e.message).trim()}`,
    );
  }
}
