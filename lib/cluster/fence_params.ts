// Which fence agents and which of their parameters KVM Manager sets, and what each value may be.
//
// An allow-list, not a deny-list: a fence agent runs as root on every node, and fence-agents
// glue many values unquoted into command lines (fence_virsh's `ssh user@ip`, fence_ipmilan's
// `ipmitool -H ip -t target`), take programs and files as values (ipmitool_path, openrc,
// runonfail, logfile, devices), or open them for writing. So only the agents for the common
// hardware are offered — IPMI (and the iDRAC, iLO and IMM aliases of fence_ipmilan), Redfish, and
// virsh over SSH for nodes that are VMs — and for each only the parameters below, every value
// checked to its kind: a host name or address, a user name, a number, a choice of the agent's
// own, a URL path. Anything else, from any agent, is for Pacemaker's own tools.

import { t } from "../../shared/i18n/t.ts";

/** The agents offered: Debian's fence-agents (the cluster-glue names are older and not offered). */
export const FENCE_AGENT = /^fence_[a-z0-9_]{1,60}$/;

/** The agents offered (when installed): the IPMI family, Redfish, virsh over SSH. */
export const SUPPORTED_AGENTS = [
  "fence_ipmilan",
  "fence_ipmilanplus",
  "fence_idrac",
  "fence_ilo3",
  "fence_ilo4",
  "fence_ilo5",
  "fence_imm",
  "fence_redfish",
  "fence_virsh",
];

/** A value's kind; `select` takes one of the agent's own choices. */
export type ParamKind =
  | "host"
  | "user"
  | "secret"
  | "port"
  | "number"
  | "bool"
  | "select"
  | "hex"
  | "urlPath"
  | "keyFile"
  | "hostMap"
  | "duration";

/** Every agent parameter KVM Manager sets, by name, with its kind. */
export const AGENT_PARAMS: Record<string, ParamKind> = {
  ip: "host",
  ipport: "port",
  username: "user",
  password: "secret",
  lanplus: "bool",
  auth: "select",
  cipher: "number",
  privlvl: "select",
  method: "select",
  hexadecimal_kg: "hex",
  target: "hex",
  ipmitool_timeout: "number",
  ssl: "bool",
  ssl_insecure: "bool",
  ssl_secure: "bool",
  redfish_uri: "urlPath",
  systems_uri: "urlPath",
  identity_file: "keyFile",
  ssh: "bool",
  inet4_only: "bool",
  inet6_only: "bool",
  missing_as_off: "bool",
  delay: "number",
  login_timeout: "number",
  power_timeout: "number",
  power_wait: "number",
  shell_timeout: "number",
  retry_on: "number",
  stonith_status_sleep: "number",
};

/** Pacemaker's own device parameters an admin may set (pcmk_host_list is the hosts field). */
export const PCMK_PARAMS: Record<string, { kind: ParamKind; description: string }> = {
  pcmk_host_map: {
    kind: "hostMap",
    description: "Node names to the agent's plug names: node1:plug1;node2:plug2",
  },
  pcmk_delay_base: {
    kind: "duration",
    description: "A fixed delay before fencing (as 5s): avoids two nodes fencing each other",
  },
  pcmk_delay_max: { kind: "duration", description: "A random delay up to this (as 10s)" },
};

const NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
const CHECKS: Record<Exclude<ParamKind, "select">, RegExp> = {
  // No spaces and no leading '-': the value stays one argument of ssh or ipmitool.
  host: /^[A-Za-z0-9][A-Za-z0-9.:-]{0,252}$/,
  user: /^[A-Za-z0-9_][A-Za-z0-9._@-]{0,63}$/,
  // Quoted by the agents that put it on a command line, or sent to a prompt or as HTTP auth.
  // Not "lrm://…": Pacemaker reads such a value as a cibsecret file's name.
  // deno-lint-ignore no-control-regex
  secret: /^(?!lrm:\/\/)[^\x00-\x1f\x7f]{1,256}$/,
  port: /^([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$/,
  // Up to 999: a delay or timeout of hours would only make every fencing time out.
  number: /^[0-9]{1,3}$/,
  bool: /^(0|1|true|false|on|off|yes|no)$/,
  hex: /^(0x)?[0-9A-Fa-f]{1,64}$/,
  urlPath: /^\/[A-Za-z0-9._~%\/-]{0,200}$/,
  // A client key in root's own ~/.ssh (not the host's keys, not /proc): read by ssh only.
  keyFile:
    /^\/root\/\.ssh\/(?!(authorized_keys|known_hosts|config)$)[A-Za-z0-9_][A-Za-z0-9._-]{0,99}$/,
  hostMap: new RegExp(`^${NAME}:${NAME}(;${NAME}:${NAME}){0,63}$`),
  duration: /^[0-9]{1,3}(ms|s)?$/,
};

/** Why `value` is not a `kind` value (null when it is). */
export function refusal(kind: ParamKind, value: string, choices: string[]): string | null {
  if (kind === "select") {
    return choices.includes(value)
      ? null
      : t("one of {{choices}}", { choices: choices.join(", ") });
  }
  if (CHECKS[kind].test(value)) return null;
  return {
    host: () =>
      t("a host name or address (letters, digits, . : -; no spaces, not starting with -)"),
    user: () => t("a user name (letters, digits, . _ @ -)"),
    secret: () => t("1 to 256 characters without control characters, not starting with lrm://"),
    port: () => t("a port from 1 to 65535"),
    number: () => t("a whole number up to 999"),
    bool: () => t("true or false"),
    hex: () => t("a hexadecimal number"),
    urlPath: () => t("a URL path starting with /"),
    keyFile: () => t("a key file in /root/.ssh (letters, digits, . _ -)"),
    hostMap: () => t("node:plug pairs separated by ;"),
    duration: () => t("a duration such as 5s"),
  }[kind]();
}

/** Parameter names that hold a secret: entered hidden, never shown again. */
export function isSecret(name: string): boolean {
  // hexadecimal_kg is the BMC's IPMI 2.0 key: a secret, though written in hexadecimal.
  return AGENT_PARAMS[name] === "secret" || name === "hexadecimal_kg";
}

/** Flags the agents read by their presence alone: "false" would turn them on. */
const PRESENCE_FLAGS = new Set([
  "ssl",
  "ssl_insecure",
  "ssl_secure",
  "ssh",
  "inet4_only",
  "inet6_only",
  "missing_as_off",
]);
const TRUE = /^(1|true|on|yes)$/;

/**
 * The value written for a checked `name=value`, or null to leave the parameter out: fence-agents
 * take a flag set to "0" as set, so a false presence flag is left out, and lanplus (the one flag
 * read by its value) is written as 1 or 0.
 */
export function written(name: string, value: string): string | null {
  if (name === "lanplus") return TRUE.test(value) ? "1" : "0";
  if (PRESENCE_FLAGS.has(name)) return TRUE.test(value) ? "1" : null;
  return value;
}
