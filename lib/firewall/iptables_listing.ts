// Reading `iptables -S` back: splitting its lines into rules, a canonical form that compares
// equal however iptables printed a rule, and recognising our own forwards among them. Kept
// apart from iptables.ts, which decides what to add and delete.

import { dnatArgs, forwardArgs, ruleProblem } from "./iptables_rules.ts";
import type { ForwardRule } from "./types.ts";

/** One `-A CHAIN ...` line: its options in order and the match modules it loads. */
export interface ParsedRule {
  chain: string;
  /** [option, value]; a negated option is keyed "!-d". Options without a value get "". */
  opts: [string, string][];
  modules: string[];
}

export interface Listing {
  chains: Set<string>;
  rules: Map<string, ParsedRule[]>;
}

/** Reads `iptables -t TABLE -S`: the chains (built-in ones from -P lines) and their rules. */
export function parseListing(text: string): Listing {
  const chains = new Set<string>();
  const rules = new Map<string, ParsedRule[]>();
  for (const line of text.split("\n")) {
    const tokens = tokenize(line);
    if (tokens.length < 2) continue;
    const [kind, chain] = tokens;
    if (kind === "-P" || kind === "-N") {
      chains.add(chain);
      if (!rules.has(chain)) rules.set(chain, []);
    } else if (kind === "-A") {
      if (!rules.has(chain)) rules.set(chain, []);
      rules.get(chain)!.push(parseArgs(chain, tokens.slice(2)));
    }
  }
  return { chains, rules };
}

/** Splits an `iptables -S` line into words; "quoted words" may hold spaces and \" escapes. */
function tokenize(line: string): string[] {
  const tokens: string[] = [];
  let word: string | null = null;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === "\\" && i + 1 < line.length) word += line[++i];
      else if (c === '"') quoted = false;
      else word += c;
    } else if (c === '"') {
      word ??= "";
      quoted = true;
    } else if (/\s/.test(c)) {
      if (word !== null) tokens.push(word);
      word = null;
    } else {
      word = (word ?? "") + c;
    }
  }
  if (word !== null) tokens.push(word);
  return tokens;
}

export function parseArgs(chain: string, args: readonly string[]): ParsedRule {
  const opts: [string, string][] = [];
  const modules: string[] = [];
  let negate = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "!") {
      negate = true;
      continue;
    }
    const next = args[i + 1];
    const hasValue = next !== undefined && (!next.startsWith("-") || next === "-");
    const value = hasValue ? next : "";
    if (hasValue) i++;
    if (arg === "-m" || arg === "--match") modules.push(value);
    else opts.push([(negate ? "!" : "") + arg, value]);
    negate = false;
  }
  return { chain, opts, modules };
}

const option = (rule: ParsedRule, name: string) => rule.opts.find(([k]) => k === name)?.[1];
export const target = (rule: ParsedRule) => option(rule, "-j") ?? option(rule, "--jump");

/**
 * A rule in a form that compares equal however iptables printed it: options sorted, the
 * implicit "-m tcp"/"-m udp" dropped, "/32" host masks and the order of conntrack states
 * ignored (iptables lists "-d 10.0.0.5/32" and "NEW,RELATED,ESTABLISHED" for what we wrote).
 */
export function canonical(rule: ParsedRule): string {
  const protocol = option(rule, "-p");
  const modules = rule.modules.filter((m) => m !== protocol).sort();
  const opts = rule.opts.map(([k, v]): string => {
    if (/^!?-[ds]$/.test(k)) return `${k}=${v.replace(/\/32$/, "")}`;
    if (k === "--ctstate" || k === "--state") return `${k}=${v.split(",").sort().join(",")}`;
    return `${k}=${v}`;
  }).sort();
  return JSON.stringify([rule.chain, modules, opts]);
}

/** The forward a rule is the DNAT rule of (its bridge left empty), or null. */
export function readDnat(rule: ParsedRule): ForwardRule | null {
  const id = idOf(rule);
  const to = /^(.+):(\d+)$/.exec(option(rule, "--to-destination") ?? "");
  if (id === null || !to) return null;
  const found = {
    id,
    protocol: option(rule, "-p") as ForwardRule["protocol"],
    hostPort: Number(option(rule, "--dport")),
    guestIp: to[1],
    guestPort: Number(to[2]),
    bridge: "",
  };
  return sameRule(rule, found, dnatArgs) ? found : null;
}

/** The forward a rule is the FORWARD accept of (its host port left 0), or null. */
export function readForward(rule: ParsedRule): ForwardRule | null {
  const id = idOf(rule);
  if (id === null) return null;
  const found = {
    id,
    protocol: option(rule, "-p") as ForwardRule["protocol"],
    hostPort: 0,
    guestIp: (option(rule, "-d") ?? "").replace(/\/32$/, ""),
    guestPort: Number(option(rule, "--dport")),
    bridge: option(rule, "-o") ?? "",
  };
  return sameRule(rule, found, forwardArgs) ? found : null;
}

function idOf(rule: ParsedRule): number | null {
  const m = /^kvmm:(\d{1,15})$/.exec(option(rule, "--comment") ?? "");
  return m ? Number(m[1]) : null;
}

/** True when `rule` is exactly what `build` makes of `found` (so nothing else is in it). */
function sameRule(
  rule: ParsedRule,
  found: ForwardRule,
  build: (rule: ForwardRule) => string[],
): boolean {
  // The half each listing lacks gets a stand-in that passes the checks.
  const probe = { ...found, hostPort: found.hostPort || 1, bridge: found.bridge || "x" };
  if (ruleProblem(probe) !== null) return false;
  return canonical(parseArgs(rule.chain, build(found))) === canonical(rule);
}
