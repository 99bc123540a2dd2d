// `kvm-manager vm firewall NAME`: the VM's firewall as libvirt keeps it (GET
// /api/vms/:id/firewall); with `--set FILE` the whole firewall as that JSON says (PUT), e.g. from
// an earlier `--json` answer edited, "-" reading stdin.

import { vmFirewallPath } from "../shared/api_paths.ts";
import type { FirewallRule, VmFirewallState } from "../shared/vm_firewall.ts";
import { textValue } from "./args.ts";
import type { CommandContext } from "./command.ts";
import { EXIT } from "./errors.ts";
import { fields, out, printJson, table } from "./output.ts";
import { jsonObject, readInput } from "./read_input.ts";

export const FIREWALL_OPTIONS = { set: { type: "string" } } as const;

export async function vmFirewall(ctx: CommandContext, name: string): Promise<number> {
  const api = await ctx.connect();
  const file = textValue(ctx.values, "set");
  let res;
  if (file !== undefined) {
    const source = file === "-" ? "stdin" : file;
    const given = jsonObject(
      await readInput(file),
      source,
      "a firewall, see PUT /api/vms/:id/firewall",
    );
    // A GET answer edited and sent back is fine: what libvirt reports is left out (anything
    // else unknown goes, for the server to refuse by name).
    const body = Object.fromEntries(Object.entries(given).filter(([k]) => !REPORTED.includes(k)));
    res = await api.call<VmFirewallState>("PUT", vmFirewallPath(name), { body });
  } else {
    res = await api.call<VmFirewallState>("GET", vmFirewallPath(name));
  }
  if (ctx.json) {
    printJson(res.text);
    return EXIT.OK;
  }
  const fw = res.body;
  const filtered = fw.nics.filter((n) => n.filtered).length;
  out(fields([
    ["Firewall", fw.enabled ? "on" : "off"],
    ["Filter", `${fw.filter} (${filtered} of ${fw.nics.length} interfaces use it)`],
    ["Anti-spoofing", fw.antiSpoofing ? "on" : "off"],
    ["Incoming", `${fw.inboundPolicy} what no rule matches`],
    ["Outgoing", `${fw.outboundPolicy} what no rule matches`],
  ]));
  if (fw.rules.length) out("\n" + table(RULE_HEADERS, fw.rules.map(ruleRow)));
  else out("\nNo rules: the policies decide.\n");
  if (file !== undefined) {
    out(`Saved; ${fw.live ? "in force on the running VM" : "in force from its next start"}\n`);
  }
  return EXIT.OK;
}

/** GET's own fields, which a PUT does not take. */
const REPORTED = ["filter", "nics", "live"];

const RULE_HEADERS = ["#", "ACTION", "DIR", "PROTOCOL", "PORT", "OTHER SIDE", "IP", "COMMENT"];

const ruleRow = (r: FirewallRule, i: number) => [
  String(i + 1),
  r.action,
  r.direction,
  r.protocol,
  r.port ?? "-",
  r.remote ?? "any",
  r.remote ? (r.remote.includes(":") ? "ipv6" : "ipv4") : r.family ?? "both",
  r.comment ?? "",
];
