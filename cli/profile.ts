// `kvm-manager profile`: the host's policy profiles over the API — list, show, export to a
// `.kvmm-profile.json` file, import one (the server checks it), assign to and unassign from a VM.
// Profiles are named by name or id; files that cannot be read or written are IoError (exit 2).

import type { ImportResult, ProfileDetails, ProfileSummary, VmPolicy } from "../shared/profiles.ts";
import {
  profileExportPath,
  profilePath,
  profilesImportPath,
  profilesPath,
  vmPolicyPath,
  vmProfilePath,
} from "../shared/api_paths.ts";
import type { ApiClient } from "./api_client.ts";
import { textValue } from "./args.ts";
import { GLOBAL_HELP, runCommand } from "./command.ts";
import { CliError, EXIT, usageError } from "./errors.ts";
import { fields, out, printJson, table } from "./output.ts";

export const PROFILE_USAGE = `Usage: kvm-manager profile COMMAND [options]

  profile list                          the host's profiles with their setting and VM counts
  profile show PROFILE                  one profile's settings and assigned VMs
  profile export PROFILE [--output FILE]
                                        its .kvmm-profile.json (to stdout without --output)
  profile import FILE [--rename-to NAME]
                                        a .kvmm-profile.json ("-" reads stdin); a name that is
                                        taken needs --rename-to
  profile assign VM PROFILE             give a VM the profile (one per VM)
  profile unassign VM                   take it away (its local overrides stay)
  profile policy VM                     the VM's effective settings and where each comes from

PROFILE is a profile's name or id; VM a VM's name or UUID.

${GLOBAL_HELP}`;

const OPTIONS = {
  output: { type: "string" as const },
  "rename-to": { type: "string" as const },
};

const ioError = (message: string) => new CliError(EXIT.USAGE, "IoError", message);

/** The profile named `ref` (name in any case, or id); exit 5 when there is none. */
async function findProfile(api: ApiClient, ref: string): Promise<ProfileSummary> {
  const list = (await api.call<ProfileSummary[]>("GET", profilesPath())).body;
  const found = list.find((p) => p.id === ref) ??
    list.find((p) => p.name.toLowerCase() === ref.toLowerCase());
  if (!found) throw new CliError(EXIT.NOT_FOUND, "ProfileNotFound", `Profile not found: ${ref}`);
  return found;
}

function args(positionals: string[], count: number, usage: string): string[] {
  if (positionals.length < count) throw usageError(`missing arguments: ${usage}`);
  if (positionals.length > count) {
    throw usageError(`unexpected argument "${positionals[count]}": ${usage}`);
  }
  return positionals;
}

export function profileCommand(argv: string[]): Promise<number> {
  return runCommand(argv, { usage: PROFILE_USAGE, options: OPTIONS }, async (ctx) => {
    const [sub, ...rest] = ctx.positionals;
    switch (sub) {
      case "list": {
        args(rest, 0, "profile list");
        const res = await (await ctx.connect()).call<ProfileSummary[]>("GET", profilesPath());
        if (ctx.json) printJson(res.text);
        else {
          out(table(
            ["NAME", "SETTINGS", "VMS", "DESCRIPTION"],
            res.body.map((
              p,
            ) => [p.name, String(p.settingCount), String(p.vmCount), p.description ?? ""]),
          ));
        }
        return EXIT.OK;
      }
      case "show": {
        const [ref] = args(rest, 1, "profile show PROFILE");
        const api = await ctx.connect();
        const { id } = await findProfile(api, ref);
        const res = await api.call<ProfileDetails>("GET", profilePath(id));
        if (ctx.json) printJson(res.text);
        else out(describe(res.body));
        return EXIT.OK;
      }
      case "export": {
        const [ref] = args(rest, 1, "profile export PROFILE [--output FILE]");
        const target = textValue(ctx.values, "output");
        const api = await ctx.connect();
        const { id } = await findProfile(api, ref);
        const res = await api.call("GET", profileExportPath(id));
        const text = res.text.endsWith("\n") ? res.text : `${res.text}\n`;
        if (target === undefined || target === "-") out(text);
        else {
          try {
            await Deno.writeTextFile(target, text);
          } catch (err) {
            throw ioError(`cannot write ${target}: ${(err as Error).message}`);
          }
        }
        return EXIT.OK;
      }
      case "import": {
        const [file] = args(rest, 1, "profile import FILE [--rename-to NAME]");
        let text: string;
        try {
          text = file === "-"
            ? await new Response(Deno.stdin.readable).text()
            : await Deno.readTextFile(file);
        } catch (err) {
          throw ioError(`cannot read ${file}: ${(err as Error).message}`);
        }
        const res = await (await ctx.connect()).call<ImportResult>("POST", profilesImportPath(), {
          text,
          query: { renameTo: textValue(ctx.values, "rename-to") },
        });
        if (ctx.json) printJson(res.text);
        else {
          out(
            `Imported profile ${res.body.profile.name} (${res.body.profile.settingCount} ` +
              `settings)${res.body.collisionResolved ? ", renamed" : ""}\n`,
          );
        }
        return EXIT.OK;
      }
      case "assign": {
        const [vm, ref] = args(rest, 2, "profile assign VM PROFILE");
        const api = await ctx.connect();
        const profile = await findProfile(api, ref);
        const res = await api.call("PUT", vmProfilePath(vm), {
          body: { profileId: profile.id },
        });
        if (ctx.json) printJson(res.text);
        else out(`VM ${vm} now follows profile ${profile.name}\n`);
        return EXIT.OK;
      }
      case "unassign": {
        const [vm] = args(rest, 1, "profile unassign VM");
        const res = await (await ctx.connect()).call(
          "DELETE",
          vmProfilePath(vm),
        );
        if (ctx.json) printJson(res.text);
        else out(`VM ${vm} has no profile now\n`);
        return EXIT.OK;
      }
      case "policy": {
        const [vm] = args(rest, 1, "profile policy VM");
        const res = await (await ctx.connect()).call<VmPolicy>(
          "GET",
          vmPolicyPath(vm),
        );
        if (ctx.json) printJson(res.text);
        else {
          const p = res.body;
          out(`Profile: ${p.profile?.name ?? "none"}\n`);
          out(table(
            ["SETTING", "SOURCE", "VALUE"],
            p.settings.map((s) => [
              s.key,
              s.source === "local" && s.overridesProfile ? "local (overrides profile)" : s.source,
              JSON.stringify(s[s.kind as keyof typeof s]),
            ]),
          ));
        }
        return EXIT.OK;
      }
      case undefined:
        throw usageError("missing command: see kvm-manager profile --help");
      default:
        throw usageError(`unknown command "profile ${sub}": see kvm-manager profile --help`);
    }
  });
}

function describe(p: ProfileDetails): string {
  const list = (items: string[]) => items.length ? items.join(", ") : "-";
  const b = p.backup;
  return fields([
    ["Name", p.name],
    ["Description", p.description],
    ["Agent directories", p.agent ? list(p.agent.allowedDirectories) : null],
    ["Agent commands", p.agent ? list(p.agent.allowedCommands) : null],
    ["Disallowed", p.agent ? list(p.agent.disallowedCommands) : null],
    ["Agent services", p.agent ? list(p.agent.allowedServices ?? []) : null],
    ["Alert rules", list(p.alerts.map((a) => `${a.name} (${a.metric} > ${a.threshold})`))],
    [
      "Backups",
      b
        ? `${
          b.timing ? `${b.timing.kind} (${b.timezone})` : "no schedule"
        }, ${b.mode}, keep ${b.keep}`
        : "-",
    ],
    ["Tags", list(p.tags)],
    ["VMs", list(p.assignedVms.map((v) => v.name ?? `${v.id} (gone)`))],
  ]);
}
