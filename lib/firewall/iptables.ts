// The host firewall rules behind port forwards: KVM Manager's own iptables chains, kept equal
// to the wanted rules by diffing what iptables lists against what should be there. The rules'
// shape (iptables_rules.ts) and the reading of `iptables -S` (iptables_listing.ts) live beside
// it; this file runs iptables and decides what to add and delete.

import { t } from "../../shared/i18n/t.ts";
import { dnatArgs, FILTER_CHAIN, forwardArgs, NAT_CHAIN } from "./iptables_rules.ts";
import {
  canonical,
  parseArgs,
  type ParsedRule,
  parseListing,
  readDnat,
  readForward,
  target,
} from "./iptables_listing.ts";
import { type ToolOptions, toolStdout } from "./run_command.ts";
import { ToolBackend } from "./tool_backend.ts";
import type { ForwardRule, NotApplied } from "./types.ts";
import { pairForwards } from "./pair_forwards.ts";

export type { Firewall, ForwardRule, NotApplied } from "./types.ts";
export { type CommandOutput, type CommandRunner, runCommand } from "./run_command.ts";
export {
  COMMENT_PREFIX,
  dnatArgs,
  FILTER_CHAIN,
  forwardArgs,
  NAT_CHAIN,
} from "./iptables_rules.ts";

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

/** Where iptables is looked for when no binary is given: PATH first, then sbin, which a
 * non-root user's PATH often lacks. */
export const IPTABLES_BINARIES = ["iptables", "/usr/sbin/iptables", "/sbin/iptables"];

/** iptables' stderr when it was refused: it only says so in words (exit status 4 also means
 * "lock busy"). */
export const IPTABLES_DENIED = /permission denied|must be root|operation not permitted/i;

const cannotRun = (reason: string) => t("Could not run iptables: {{reason}}", { reason });

/** Port forwards as iptables rules (IPv4; nft or legacy backend). */
export class IptablesFirewall extends ToolBackend {
  /** `binary`: the iptables to run (default: "iptables" from PATH, else /usr/sbin, /sbin). */
  constructor(opts: ToolOptions = {}) {
    super(opts, IPTABLES_BINARIES, cannotRun);
  }

  /**
   * Makes KVM Manager's chains hold exactly `rules`: creates missing chains, deletes stale,
   * duplicate or foreign rules in them, adds missing ones, and makes sure each jump into them
   * exists once (FORWARD's as its first rule). Rules already in place are not touched, so
   * applying the same set twice changes nothing. Throws AppError FIREWALL_UNAVAILABLE (503)
   * when iptables is missing or not allowed, FIREWALL_ERROR (500) for other failures. Every rule
   * it wrote can carry traffic: our chain comes first in FORWARD, ahead of libvirt's rejects.
   */
  protected async applyQueued(rules: ForwardRule[]): Promise<NotApplied> {
    await this.#sync("nat", NAT_CHAIN, rules.map(dnatArgs));
    await this.#sync("filter", FILTER_CHAIN, rules.map(forwardArgs));
    return new Map();
  }

  /** The complete rules (DNAT plus FORWARD accept) in our chains, by id. */
  list(): Promise<ForwardRule[]> {
    return this.queued(async () => {
      const nat = parseListing(await this.#exec(["-t", "nat", "-S"]));
      const filter = parseListing(await this.#exec(["-t", "filter", "-S"]));
      const accepts = new Map<number, ForwardRule>();
      for (const rule of filter.rules.get(FILTER_CHAIN) ?? []) {
        const found = readForward(rule);
        if (found && !accepts.has(found.id)) accepts.set(found.id, found);
      }
      return pairForwards((nat.rules.get(NAT_CHAIN) ?? []).map(readDnat), accepts);
    });
  }

  /** Whether a rule of ours is in our chains, complete or not. */
  holdsRules(): Promise<boolean> {
    return this.queued(async () => {
      const nat = parseListing(await this.#exec(["-t", "nat", "-S"]));
      const filter = parseListing(await this.#exec(["-t", "filter", "-S"]));
      return (nat.rules.get(NAT_CHAIN)?.length ?? 0) > 0 ||
        (filter.rules.get(FILTER_CHAIN)?.length ?? 0) > 0;
    });
  }

  /** Deletes the jumps into our chains and the chains themselves; nothing else is touched. */
  teardown(): Promise<void> {
    return this.queued(async () => {
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
    return toolStdout(await this.runTool(["-w", LOCK_WAIT_SECONDS, ...args]), args, {
      missing: () => t("Port forwarding needs iptables, which is not installed on this host"),
      denied: IPTABLES_DENIED,
      failed: (words) => t("iptables {{args}} failed (exit status {{code}}): {{stderr}}", words),
    });
  }
}
