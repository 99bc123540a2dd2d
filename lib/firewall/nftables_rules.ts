// The nftables rules KVM Manager writes for a port forward where libvirt's networks use its
// nftables backend (https://libvirt.org/firewall.html), and the reading of `nft -j` listings
// back. Kept apart from nftables.ts, which runs nft.
//
// Under that backend, libvirt's own `table ip libvirt_network` rejects new connections into a NAT
// bridge (its chain guest_input). nftables runs every table's chains on a hook, and a reject in
// one is final whatever another accepted, so an accept in a table of our own cannot let a forward
// through: the accept goes into libvirt's chain, ahead of its reject. The DNAT lives in our own
// table, which we replace whole.

import type { ForwardRule } from "./types.ts";
import { COMMENT_PREFIX } from "./iptables_rules.ts";

/** Our own table: its nat chains hold the DNAT rules. */
export const OWN_TABLE = "kvm_manager";
/** libvirt's table under its nftables backend. */
export const LIBVIRT_TABLE = "libvirt_network";
/** libvirt's chain of traffic into its bridges: related and established only, then reject. */
export const LIBVIRT_INPUT_CHAIN = "guest_input";

const dport = (r: ForwardRule, port: number) => `${r.protocol} dport ${port}`;
const comment = (r: ForwardRule) => `comment "${COMMENT_PREFIX}${r.id}"`;

/** The DNAT of a forward for traffic arriving from outside: to a local address, on hostPort. */
export function preroutingRule(r: ForwardRule): string {
  return `fib daddr type local ${
    dport(r, r.hostPort)
  } counter dnat to ${r.guestIp}:${r.guestPort} ${comment(r)}`;
}

/**
 * The same for the host's own connections to one of its addresses. 127.0.0.0/8 is left out, as in
 * the iptables rules: a DNATed packet keeps its loopback source, which the bridge drops.
 */
export function outputRule(r: ForwardRule): string {
  return `ip daddr != 127.0.0.0/8 ${preroutingRule(r)}`;
}

/**
 * The accept in libvirt's guest_input: only connections our DNAT made (`ct status dnat`), to the
 * guest's port, out of its bridge. `oifname`, not libvirt's `oif`: a restarted network's bridge is
 * a new interface, and an index would no longer match it.
 */
export function acceptRule(r: ForwardRule): string {
  return `oifname "${r.bridge}" ip daddr ${r.guestIp} ${
    dport(r, r.guestPort)
  } ct status dnat counter accept ${comment(r)}`;
}

/**
 * One nft transaction (`nft -f -`) that makes our table hold exactly the DNAT of `rules`, deletes
 * our earlier accepts from libvirt's chain (`oldAccepts`, their handles) and inserts the accepts of
 * `accepted` at its top. All or nothing: nft applies a file as one transaction.
 */
export function applyScript(
  rules: ForwardRule[],
  accepted: ForwardRule[],
  oldAccepts: number[],
): string {
  const lines = [`add table ip ${OWN_TABLE}`, `delete table ip ${OWN_TABLE}`];
  if (rules.length > 0) {
    lines.push(
      `table ip ${OWN_TABLE} {`,
      `  chain prerouting {`,
      `    type nat hook prerouting priority dstnat; policy accept;`,
      ...rules.map((r) => `    ${preroutingRule(r)}`),
      `  }`,
      `  chain output {`,
      `    type nat hook output priority -100; policy accept;`,
      ...rules.map((r) => `    ${outputRule(r)}`),
      `  }`,
      `}`,
    );
  }
  for (const handle of oldAccepts) {
    lines.push(`delete rule ip ${LIBVIRT_TABLE} ${LIBVIRT_INPUT_CHAIN} handle ${handle}`);
  }
  for (const r of accepted) {
    lines.push(`insert rule ip ${LIBVIRT_TABLE} ${LIBVIRT_INPUT_CHAIN} ${acceptRule(r)}`);
  }
  return lines.join("\n") + "\n";
}

// What `nft -j list ...` prints: {"nftables": [{"metainfo": …}, {"table": …}, {"rule": …}]}.
type Expr = Record<string, unknown>;
export interface NftRule {
  family: string;
  table: string;
  chain: string;
  handle: number;
  comment?: string;
  expr: Expr[];
}

/** The rules of an `nft -j list` output, in listing order. */
export function nftRules(json: string): NftRule[] {
  const parsed = JSON.parse(json) as { nftables?: Record<string, unknown>[] };
  return (parsed.nftables ?? []).flatMap((o) => o.rule ? [o.rule as NftRule] : []);
}

interface Match {
  left: Record<string, { key?: string; protocol?: string; field?: string }>;
  op: string;
  right: unknown;
}

const matches = (rule: NftRule): Match[] =>
  rule.expr.flatMap((e) => e.match ? [e.match as Match] : []);

/** The value a rule compares `meta <key>` with (`oif`, `oifname`), when it does with "==". */
export function metaMatch(rule: NftRule, key: string): string | null {
  const m = matches(rule).find((m) => m.left.meta?.key === key && m.op === "==");
  return typeof m?.right === "string" ? m.right : null;
}

/** The value of `<protocol> <field>` compared with "==" (ip daddr, tcp dport). */
function payloadMatch(rule: NftRule, protocol: string, field: string): unknown {
  return matches(rule).find((m) =>
    m.left.payload?.protocol === protocol && m.left.payload?.field === field && m.op === "=="
  )?.right;
}

/** Whether the rule ends in a reject (libvirt's catch-all of its chain). */
export function rejects(rule: NftRule): boolean {
  return rule.expr.some((e) => "reject" in e);
}

/** The forward id in a rule's comment ("kvmm:7"), or null for a rule not ours. */
export function ourId(rule: NftRule): number | null {
  const m = /^kvmm:([1-9][0-9]{0,15})$/.exec(rule.comment ?? "");
  return m ? Number(m[1]) : null;
}

/** The forward of one of our DNAT rules, without its bridge (the DNAT does not name one). */
export function readDnat(rule: NftRule): Omit<ForwardRule, "bridge"> | null {
  const id = ourId(rule);
  if (id === null) return null;
  for (const protocol of ["tcp", "udp"] as const) {
    const hostPort = payloadMatch(rule, protocol, "dport");
    const dnat = rule.expr.find((e) => e.dnat)?.dnat as { addr?: unknown; port?: unknown };
    if (
      typeof hostPort === "number" && typeof dnat?.addr === "string" &&
      typeof dnat.port === "number"
    ) {
      return { id, protocol, hostPort, guestIp: dnat.addr, guestPort: dnat.port };
    }
  }
  return null;
}

/** One of our accepts in libvirt's chain: its id, bridge, guest address and port. */
export function readAccept(
  rule: NftRule,
):
  | { id: number; bridge: string; guestIp: string; protocol: "tcp" | "udp"; guestPort: number }
  | null {
  const id = ourId(rule);
  const bridge = metaMatch(rule, "oifname");
  const guestIp = payloadMatch(rule, "ip", "daddr");
  if (id === null || bridge === null || typeof guestIp !== "string") return null;
  for (const protocol of ["tcp", "udp"] as const) {
    const guestPort = payloadMatch(rule, protocol, "dport");
    if (typeof guestPort === "number") return { id, bridge, guestIp, protocol, guestPort };
  }
  return null;
}
