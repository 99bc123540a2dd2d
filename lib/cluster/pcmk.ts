// Running one of Pacemaker's own command-line tools (cibadmin, crm_resource): arguments as data,
// never a shell; a deadline, so a hung cluster stack never holds a request; its words when it
// refuses.

import { AppError } from "../errors.ts";
import { textOutput, writeInput } from "../command_io.ts";
import { t } from "../../shared/i18n/t.ts";
import { cibBuilder } from "./cib.ts";

export interface PcmkOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `tool args`; throws COMMAND_TIMEOUT past `timeoutMs`, CLUSTER_TOOLS_MISSING without it.
 * `env` and `input` (its standard input) carry values that must stay out of the command line,
 * which every local user sees in `ps`.
 */
export async function runPcmk(
  tool: string,
  args: string[],
  timeoutMs = 30_000,
  env: Record<string, string> = {},
  input?: string,
): Promise<PcmkOutput> {
  let out: Deno.CommandOutput;
  try {
    const child = new Deno.Command(tool, {
      args,
      stdin: input === undefined ? "null" : "piped",
      stdout: "piped",
      stderr: "piped",
      env: { ...env, LC_ALL: "C" },
      signal: AbortSignal.timeout(timeoutMs),
    }).spawn();
    if (input !== undefined) await writeInput(child, input);
    out = await child.output();
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) {
      throw new AppError(
        "CLUSTER_TOOLS_MISSING",
        t("Pacemaker's tool {{tool}} is not installed on this host", { tool }),
      );
    }
    throw err;
  }
  if (out.signal) {
    throw new AppError(
      "COMMAND_TIMEOUT",
      t("{{tool}} did not answer within {{seconds}} s: the cluster stack is not responding", {
        tool,
        seconds: Math.round(timeoutMs / 1000),
      }),
    );
  }
  return textOutput(out);
}

/** runPcmk that must succeed: a refusal becomes CLUSTER_COMMAND_FAILED in the tool's words. */
export async function pcmk(
  tool: string,
  args: string[],
  timeoutMs?: number,
  input?: string,
): Promise<string> {
  const out = await runPcmk(tool, args, timeoutMs, {}, input);
  if (out.code !== 0) {
    throw new AppError(
      "CLUSTER_COMMAND_FAILED",
      t("{{tool}} refused: {{words}}", {
        tool,
        words: (out.stderr.trim() || out.stdout.trim()).slice(-500) || `exit ${out.code}`,
      }),
    );
  }
  return out.stdout;
}

/** cibadmin's arguments that delete the primitive `id` from the CIB's resources. */
export function primitiveDeleteArgs(id: string): string[] {
  return [
    "--delete",
    "--scope",
    "resources",
    "--xml-text",
    cibBuilder.build({ primitive: { "@id": id } }),
  ];
}

/** Removes the primitive `id` from the CIB, then has Pacemaker forget what it still lists of it. */
export async function deletePrimitive(id: string): Promise<void> {
  await pcmk("cibadmin", primitiveDeleteArgs(id));
  await runPcmk("crm_resource", ["--cleanup", "--resource", id]);
}

/** 409 HA_NOT_OURS: KVM Manager changes only the resources it made (meta kvmm-managed). */
export function notOurs(resource: string): AppError {
  return new AppError(
    "HA_NOT_OURS",
    t(
      "Resource {{resource}} was not made by KVM Manager: change it with Pacemaker's own tools",
      { resource },
    ),
  );
}
