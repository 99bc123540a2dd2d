// The iptables rules KVM Manager writes for a port forward: our chains, the DNAT and FORWARD
// rules of one forward as iptables arguments, and the checks a rule must pass before any of it
// reaches iptables. Kept apart from iptables.ts, which runs the commands.

import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import { formatIpv4, parseIpv4 } from "../../shared/ipv4.ts";
import type { ForwardRule } from "./types.ts";

/** The nat chain holding the DNAT rules, jumped to from PREROUTING and OUTPUT. */
export const NAT_CHAIN = "KVMM_PREROUTING";
/** The filter chain accepting forwarded traffic, jumped to first thing in FORWARD. */
export const FILTER_CHAIN = "KVMM_FORWARD";
/** Rules carry this comment plus their id, e.g. "kvmm:7". */
export const COMMENT_PREFIX = "kvmm:";

/** The nat rule of a forward: traffic to a local address on hostPort goes to the guest. */
export function dnatArgs(rule: ForwardRule): string[] {
  return [
    "-p",
    rule.protocol,
    "-m",
    "addrtype",
    "--dst-type",
    "LOCAL",
    "--dport",
    String(rule.hostPort),
    "-m",
    "comment",
    "--comment",
    COMMENT_PREFIX + rule.id,
    "-j",
    "DNAT",
    "--to-destination",
    `${rule.guestIp}:${rule.guestPort}`,
  ];
}

/**
 * The filter rule of a forward: lets the traffic our DNAT made (conntrack's DNAT state) out of the
 * host onto the bridge, and nothing else to that guest's port, as the nftables backend's accept.
 */
export function forwardArgs(rule: ForwardRule): string[] {
  return [
    "-o",
    rule.bridge,
    "-d",
    rule.guestIp,
    "-p",
    rule.protocol,
    "--dport",
    String(rule.guestPort),
    "-m",
    "conntrack",
    "--ctstate",
    "DNAT",
    "-m",
    "comment",
    "--comment",
    COMMENT_PREFIX + rule.id,
    "-j",
    "ACCEPT",
  ];
}

// A Linux interface name (at most 15 bytes). '+' is refused on purpose: iptables reads a
// trailing '+' as a wildcard, and a leading '-' or '!' would read as an option.
const BRIDGE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,14}$/;

const isPort = (n: unknown) => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 65535;

/** Why `rule` cannot be written to iptables, or null when it can. */
export function ruleProblem(rule: ForwardRule): string | null {
  if (!Number.isSafeInteger(rule.id) || rule.id < 1) {
    return t("bad id {{id}}", { id: String(rule.id) });
  }
  if (rule.protocol !== "tcp" && rule.protocol !== "udp") {
    return t("bad protocol {{protocol}}", { protocol: String(rule.protocol) });
  }
  if (!isPort(rule.hostPort)) return t("bad host port {{port}}", { port: String(rule.hostPort) });
  if (!isPort(rule.guestPort)) {
    return t("bad guest port {{port}}", { port: String(rule.guestPort) });
  }
  const ip = parseIpv4(rule.guestIp);
  if (ip === null || formatIpv4(ip) !== rule.guestIp) {
    return t("bad guest address {{address}}", { address: String(rule.guestIp) });
  }
  if (typeof rule.bridge !== "string" || !BRIDGE_NAME.test(rule.bridge)) {
    return t("bad bridge name {{bridge}}", { bridge: String(JSON.stringify(rule.bridge)) });
  }
  return null;
}

/** Throws FIREWALL_ERROR naming the first rule that is invalid or clashes with another. */
export function checkRules(rules: ForwardRule[]) {
  const ids = new Set<number>();
  const ports = new Set<string>();
  for (const rule of rules) {
    const problem = ruleProblem(rule) ??
      (ids.has(rule.id) ? t("id {{id}} given twice", { id: String(rule.id) }) : null) ??
      (ports.has(`${rule.protocol}/${rule.hostPort}`)
        ? t("host port {{port}} given twice", { port: `${rule.protocol}/${rule.hostPort}` })
        : null);
    if (problem) {
      throw new AppError(
        "FIREWALL_ERROR",
        t("Invalid port forward rule: {{problem}}", { problem }),
      );
    }
    ids.add(rule.id);
    ports.add(`${rule.protocol}/${rule.hostPort}`);
  }
}
