// The host firewall rules behind port forwards: KVM Manager's own iptables chains, kept equal
// to the wanted rules by diffing what iptables lists against what should be there.

import { AppError } from "../errors.ts";
import { formatIpv4, parseIpv4 } from "../../shared/ipv4.ts";

/** One port forward as the firewall sees it: host port -> guest address behind `bridge`. */
export interface ForwardRule {
  id: number;
  protocol: "tcp" | "udp";
  hostPort: number;
  guestIp: string;
  guestPort: number;
  /** The Linux bridge of the guest's network, e.g. "virbr0". */
  bridge: string;
}

/** The firewall port forwards are written to. */
export interface Firewall {
  /** Replaces every KVM Manager rule with exactly `rules` (idempotent, self-healing). */
  apply(rules: ForwardRule[]): Promise<void>;
  /** Rules as the firewall lists them now, parsed back (for status and tests). */
  list(): Promise<ForwardRule[]>;
}

/** What a finished command gave back. */
export interface CommandOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `binary` with `args` (no shell) and waits for it. Throws Deno.errors.NotFound when
 * the binary does not exist, as Deno.Command does.
 */
export type CommandRunner = (binary: string, args: readonly string[]) => Promise<CommandOutput>;

/** The nat chain holding the DNAT rules, jumped to from PREROUTING and OUTPUT. */
export const NAT_CHAIN = "KVMM_PREROUTING";
/** The filter chain accepting forwarded traffic, jumped to first thing in FORWARD. */
export const FILTER_CHAIN = "KVMM_FORWARD";
/** Rules carry this comment plus their id, e.g. "kvmm:7". */
export const COMMENT_PREFIX = "kvmm:";

/** iptables waits up to this many seconds for the xtables lock instead of failing at once. */
const LOCK_WAIT_SECONDS = "10";

type Table = "nat" | "filter";

interface Jump {
  table: Table;
  parent: string;
  chain: string;
  args: string[];
  /** The jump must be the parent's first rule, not merely present. */
  first: boolean;
}

const JUMPS: readonly Jump[] = [
  { table: "nat", parent: "PREROUTING", chain: NAT_CHAIN, args: ["-j", NAT_CHAIN], first: false },
  // The host reaching its own address goes through OUTPUT, not PREROUTING. 127.0.0.0/8 is left
  // out (as Docker does): a DNATed packet keeps its loopback source, and the kernel drops it on
  // the bridge as a martian unless route_localnet is set.
  {
    table: "nat",
    parent: "OUTPUT",
    chain: NAT_CHAIN,
    args: ["!", "-d", "127.0.0.0/8", "-m", "addrtype", "--dst-type", "LOCAL", "-j", NAT_CHAIN],
    first: false,
  },
  // libvirt's LIBVIRT_FWI rejects new connections into NAT bridges, so our ACCEPTs must come
  // before it. https://libvirt.org/firewall.html
  {
    table: "filter",
    parent: "FORWARD",
    chain: FILTER_CHAIN,
    args: ["-j", FILTER_CHAIN],
    first: true,
  },
];

/** Runs a command with Deno.Command, capturing its output as text. */
export const runCommand: CommandRunner = async (binary, args) => {
  const out = await new Deno.Command(binary, {
    args: [...args],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    // iptables' own messages are English anyway; keep any libc ones (strerror) English too.
    env: { LC_ALL: "C" },
  }).output();
  const text = new TextDecoder();
  return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
};

/** Where iptables is looked for when no binary is given: PATH first, then sbin, which a
 * non-root user's PATH often lacks. */
const DEFAULT_BINARIES = ["iptables", "/usr/sbin/iptables", "/sbin/iptables"];

/** Port forwards as iptables rules (IPv4; nft or legacy backend). */
export class IptablesFirewall implements Firewall {
  #binaries: string[];
  #run: CommandRunner;
  #tail: Promise<unknown> = Promise.resolve();

  /** `binary`: the iptables to run (default: "iptables" from PATH, else /usr/sbin, /sbin). */
  constructor(opts: { binary?: string; run?: CommandRunner } = {}) {
    this.#binaries = opts.binary ? [opts.binary] : [...DEFAULT_BINARIES];
    this.#run = opts.run ?? runCommand;
  }

  /**
   * Makes KVM Manager's chains hold exactly `rules`: creates missing chains, deletes stale,
   * duplicate or foreign rules in them, adds missing ones, and makes sure each jump into them
   * exists once (FORWARD's as its first rule). Rules already in place are not touched, so
   * applying the same set twice changes nothing. Throws AppError FIREWALL_UNAVAILABLE (503)
   * when iptables is missing or not allowed, FIREWALL_ERROR (500) for other failures.
   */
  apply(rules: ForwardRule[]): Promise<void> {
    try {
      checkRules(rules);
    } catch (err) {
      return Promise.reject(err);
    }
    return this.#serial(async () => {
      await this.#sync("nat", NAT_CHAIN, rules.map(dnatArgs));
      await this.#sync("filter", FILTER_CHAIN, rules.map(forwardArgs));
    });
  }

  /** The complete rules (DNAT plus FORWARD accept) in our chains, by id. */
  list(): Promise<ForwardRule[]> {
    return this.#serial(async () => {
      const nat = parseListing(await this.#exec(["-t", "nat", "-S"]));
      const filter = parseListing(await this.#exec(["-t", "filter", "-S"]));
      const accepts = new Map<number, ForwardRule>();
      for (const rule of filter.rules.get(FILTER_CHAIN) ?? []) {
        const found = readForward(rule);
        if (found && !accepts.has(found.id)) accepts.set(found.id, found);
      }
      const result = new Map<number, ForwardRule>();
      for (const rule of nat.rules.get(NAT_CHAIN) ?? []) {
        const dnat = readDnat(rule);
        const accept = dnat && accepts.get(dnat.id);
        if (
          dnat && accept && !result.has(dnat.id) && accept.protocol === dnat.protocol &&
          accept.guestIp === dnat.guestIp && accept.guestPort === dnat.guestPort
        ) {
          result.set(dnat.id, { ...dnat, bridge: accept.bridge });
        }
      }
      return [...result.values()].sort((a, b) => a.id - b.id);
    });
  }

  /** Deletes the jumps into our chains and the chains themselves; nothing else is touched. */
  teardown(): Promise<void> {
    return this.#serial(async () => {
      for (const table of ["nat", "filter"] as const) {
        const listing = parseListing(await this.#exec(["-t", table, "-S"]));
        for (const jump of JUMPS.filter((j) => j.table === table)) {
          const numbers = (listing.rules.get(jump.parent) ?? [])
            .map((rule, i) => (target(rule) === jump.chain ? i + 1 : 0))
            .filter((n) => n > 0);
          for (const n of numbers.reverse()) {
            await this.#exec(["-t", table, "-D", jump.parent, String(n)]);
          }
        }
        const chain = table === "nat" ? NAT_CHAIN : FILTER_CHAIN;
        if (listing.chains.has(chain)) {
          await this.#exec(["-t", table, "-F", chain]);
          await this.#exec(["-t", table, "-X", chain]);
        }
      }
    });
  }

  /** Same as teardown(). */
  remove(): Promise<void> {
    return this.teardown();
  }

  /** One table: the chain's rules become `wanted`, then the jumps into it are checked. */
  async #sync(table: Table, chain: string, wanted: string[][]) {
    let listing = parseListing(await this.#exec(["-t", table, "-S"]));
    if (!listing.chains.has(chain)) {
      await this.#exec(["-t", table, "-N", chain]);
      listing = { ...listing, rules: new Map([...listing.rules, [chain, []]]) };
    }

    const want = new Map(wanted.map((args) => [canonical(parseArgs(chain, args)), args]));
    const kept = new Set<string>();
    const stale: number[] = [];
    (listing.rules.get(chain) ?? []).forEach((rule, i) => {
      const key = canonical(rule);
      if (want.has(key) && !kept.has(key)) kept.add(key);
      else stale.push(i + 1);
    });
    // Highest number first, so the numbers still to delete keep pointing at the same rules.
    for (const n of stale.reverse()) await this.#exec(["-t", table, "-D", chain, String(n)]);
    for (const [key, args] of want) {
      if (!kept.has(key)) await this.#exec(["-t", table, "-A", chain, ...args]);
    }

    for (const jump of JUMPS.filter((j) => j.table === table)) {
      await this.#ensureJump(jump, listing.rules.get(jump.parent) ?? []);
    }
  }

  /** Leaves exactly one jump of the right form in the parent chain (first when it must be). */
  async #ensureJump(jump: Jump, parentRules: ParsedRule[]) {
    const key = canonical(parseArgs(jump.parent, jump.args));
    const jumps = parentRules
      .map((rule, i) => ({ n: i + 1, rule }))
      .filter(({ rule }) => target(rule) === jump.chain);
    let keep = jump.first
      ? jumps.find(({ n, rule }) => n === 1 && canonical(rule) === key)?.n
      : jumps.find(({ rule }) => canonical(rule) === key)?.n;
    let shift = 0;
    if (keep === undefined) {
      // Insert before deleting, so traffic is never without the jump in between.
      await this.#exec(["-t", jump.table, "-I", jump.parent, "1", ...jump.args]);
      keep = 0;
      shift = 1;
    }
    const extra = jumps.filter(({ n }) => n !== keep).map(({ n }) => n + shift);
    for (const n of extra.reverse()) {
      await this.#exec(["-t", jump.table, "-D", jump.parent, String(n)]);
    }
  }

  /** Runs iptables -w with `args` and returns its stdout; failures become AppErrors. */
  async #exec(args: string[]): Promise<string> {
    const full = ["-w", LOCK_WAIT_SECONDS, ...args];
    let out: CommandOutput | null = null;
    for (const binary of this.#binaries) {
      try {
        out = await this.#run(binary, full);
      } catch (err) {
        if (err instanceof Deno.errors.NotFound) continue;
        if (err instanceof Deno.errors.PermissionDenied) throw noPermission();
        throw new AppError("FIREWALL_ERROR", `Could not run iptables: ${(err as Error).message}`);
      }
      // Found: keep using this one.
      this.#binaries = [binary];
      break;
    }
    if (!out) {
      throw new AppError(
        "FIREWALL_UNAVAILABLE",
        "Port forwarding needs iptables, which is not installed on this host",
        { reason: "not-installed" },
      );
    }
    if (out.code !== 0) {
      const stderr = out.stderr.trim();
      // iptables only says so in words (exit status 4 also means "lock busy").
      if (/permission denied|must be root|operation not permitted/i.test(stderr)) {
        throw noPermission();
      }
      throw new AppError(
        "FIREWALL_ERROR",
        `iptables ${args.join(" ")} failed (exit status ${out.code}): ${stderr || "no message"}`,
      );
    }
    return out.stdout;
  }

  /** Runs `fn` after every earlier call finished: two applies never interleave. */
  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(fn);
    this.#tail = result.catch(() => {});
    return result;
  }
}

const noPermission = () =>
  new AppError(
    "FIREWALL_UNAVAILABLE",
    "Port forwarding needs permission to change the firewall: run KVM Manager as root " +
      "(or give it CAP_NET_ADMIN)",
    { reason: "permission" },
  );

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

/** The filter rule of a forward: lets the DNATed traffic out of the host onto the bridge. */
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
    "NEW,ESTABLISHED,RELATED",
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
function ruleProblem(rule: ForwardRule): string | null {
  if (!Number.isSafeInteger(rule.id) || rule.id < 1) return `bad id ${rule.id}`;
  if (rule.protocol !== "tcp" && rule.protocol !== "udp") return `bad protocol ${rule.protocol}`;
  if (!isPort(rule.hostPort)) return `bad host port ${rule.hostPort}`;
  if (!isPort(rule.guestPort)) return `bad guest port ${rule.guestPort}`;
  const ip = parseIpv4(rule.guestIp);
  if (ip === null || formatIpv4(ip) !== rule.guestIp) return `bad guest address ${rule.guestIp}`;
  if (typeof rule.bridge !== "string" || !BRIDGE_NAME.test(rule.bridge)) {
    return `bad bridge name ${JSON.stringify(rule.bridge)}`;
  }
  return null;
}

function checkRules(rules: ForwardRule[]) {
  const ids = new Set<number>();
  const ports = new Set<string>();
  for (const rule of rules) {
    const problem = ruleProblem(rule) ??
      (ids.has(rule.id) ? `id ${rule.id} given twice` : null) ??
      (ports.has(`${rule.protocol}/${rule.hostPort}`)
        ? `host port ${rule.protocol}/${rule.hostPort} given twice`
        : null);
    if (problem) {
      throw new AppError("FIREWALL_ERROR", `Invalid port forward rule: ${problem}`);
    }
    ids.add(rule.id);
    ports.add(`${rule.protocol}/${rule.hostPort}`);
  }
}

// ---- Reading `iptables -S` ----

/** One `-A CHAIN ...` line: its options in order and the match modules it loads. */
interface ParsedRule {
  chain: string;
  /** [option, value]; a negated option is keyed "!-d". Options without a value get "". */
  opts: [string, string][];
  modules: string[];
}

interface Listing {
  chains: Set<string>;
  rules: Map<string, ParsedRule[]>;
}

/** Reads `iptables -t TABLE -S`: the chains (built-in ones from -P lines) and their rules. */
function parseListing(text: string): Listing {
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

function parseArgs(chain: string, args: readonly string[]): ParsedRule {
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
const target = (rule: ParsedRule) => option(rule, "-j") ?? option(rule, "--jump");

/**
 * A rule in a form that compares equal however iptables printed it: options sorted, the
 * implicit "-m tcp"/"-m udp" dropped, "/32" host masks and the order of conntrack states
 * ignored (iptables lists "-d 10.0.0.5/32" and "NEW,RELATED,ESTABLISHED" for what we wrote).
 */
function canonical(rule: ParsedRule): string {
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
function readDnat(rule: ParsedRule): ForwardRule | null {
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
function readForward(rule: ParsedRule): ForwardRule | null {
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
