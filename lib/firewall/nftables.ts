// Port forwards where libvirt's networks use its nftables backend: the DNAT rules in our own
// table, replaced whole, and an accept per forward in libvirt's guest_input chain ahead of its
// reject (nftables_rules.ts says why there). Each apply is one nft transaction, then read back:
// a forward counts as applied only when its accept stands ahead of the reject for its bridge.

import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import {
  applyScript,
  LIBVIRT_INPUT_CHAIN,
  LIBVIRT_TABLE,
  metaMatch,
  type NftRule,
  nftRules,
  ourId,
  OWN_TABLE,
  readAccept,
  readDnat,
  rejects,
} from "./nftables_rules.ts";
import { type ToolOptions, toolStdout } from "./run_command.ts";
import { ToolBackend } from "./tool_backend.ts";
import type { ForwardRule, NotApplied } from "./types.ts";
import { pairForwards } from "./pair_forwards.ts";

/** Where nft is looked for: PATH first, then sbin, which a non-root user's PATH often lacks. */
const DEFAULT_BINARIES = ["nft", "/usr/sbin/nft", "/sbin/nft"];

/** What libvirt's nftables table says now. */
export interface LibvirtNftables {
  /** Its guest_input chain exists: some network has run under the nftables backend. */
  present: boolean;
  /** The bridges its guest_input rejects new connections into: its running NAT networks'. */
  bridges: Set<string>;
  /** Its rules in guest_input, in order (ours among them). */
  rules: NftRule[];
}

const cannotRun = (reason: string) => t("Could not run nft: {{reason}}", { reason });

export class NftablesFirewall extends ToolBackend {
  constructor(opts: ToolOptions = {}) {
    super(opts, DEFAULT_BINARIES, cannotRun);
  }

  /**
   * Makes our table hold exactly the DNAT of `rules` and libvirt's guest_input exactly their
   * accepts, for the bridges it has rules for. Answers the rules that cannot carry traffic: their
   * bridge has no rules in libvirt's table (its network is not running under this backend), or
   * the read-back finds libvirt's reject ahead of the accept. Throws FIREWALL_UNAVAILABLE (503)
   * when nft is missing or not allowed, FIREWALL_ERROR (500) when nft refuses.
   */
  protected async applyQueued(rules: ForwardRule[]): Promise<NotApplied> {
    // libvirt may change its chain between our read and our transaction (a network starting):
    // a handle gone makes the transaction fail whole, so read again and try once more.
    for (let attempt = 1;; attempt++) {
      const libvirt = await this.#libvirt();
      const accepted = rules.filter((r) => libvirt.bridges.has(r.bridge));
      const old = libvirt.rules.filter((r) => ourId(r) !== null).map((r) => r.handle);
      try {
        await this.#exec(["-f", "-"], applyScript(rules, accepted, old));
      } catch (err) {
        if (attempt < 2 && err instanceof AppError && err.code === "FIREWALL_ERROR") continue;
        throw err;
      }
      return whyNot(rules, await this.#libvirt());
    }
  }

  /** The complete forwards (our DNAT plus its accept in libvirt's chain), by id. */
  list(): Promise<ForwardRule[]> {
    return this.queued(async () => {
      const own = await this.#list(["list", "table", "ip", OWN_TABLE]);
      const accepts = new Map(
        (await this.#libvirt()).rules.flatMap((r) => {
          const a = readAccept(r);
          return a ? [[a.id, a] as const] : [];
        }),
      );
      const prerouting = own ? nftRules(own).filter((r) => r.chain === "prerouting") : [];
      return pairForwards(prerouting.map(readDnat), accepts);
    });
  }

  /** Whether our table or an accept of ours in libvirt's chain is there (to clean up). */
  holdsRules(): Promise<boolean> {
    return this.queued(async () => {
      const own = await this.#list(["list", "table", "ip", OWN_TABLE]);
      if (own && nftRules(own).length > 0) return true;
      return (await this.#libvirt()).rules.some((r) => ourId(r) !== null);
    });
  }

  /** Removes our table and our accepts from libvirt's chain; nothing else is touched. */
  async teardown(): Promise<void> {
    await this.apply([]);
  }

  /** libvirt's guest_input as it is now (empty when no network ran under nftables). */
  libvirtRules(): Promise<LibvirtNftables> {
    return this.queued(() => this.#libvirt());
  }

  async #libvirt(): Promise<LibvirtNftables> {
    const json = await this.#list([
      "-a",
      "list",
      "chain",
      "ip",
      LIBVIRT_TABLE,
      LIBVIRT_INPUT_CHAIN,
    ]);
    const rules = json ? nftRules(json) : [];
    const bridges = new Set(
      rules.filter((r) => rejects(r)).flatMap((r) => metaMatch(r, "oif") ?? []),
    );
    return { present: json !== null, bridges, rules };
  }

  /** `nft -j ARGS`'s output, or null when what it lists does not exist. */
  async #list(args: string[]): Promise<string | null> {
    try {
      return await this.#exec(["-j", ...args]);
    } catch (err) {
      if (err instanceof AppError && err.details?.reason === "absent") return null;
      throw err;
    }
  }

  /** Runs nft with `args` (and `input` on its stdin); failures become AppErrors. */
  async #exec(args: string[], input?: string): Promise<string> {
    return toolStdout(await this.runTool(args, input), args, {
      missing: () =>
        t(
          "Port forwarding on networks under libvirt's nftables backend needs nft (Debian's nftables package), which is not installed on this host",
        ),
      denied: /operation not permitted|permission denied/i,
      own: (stderr) =>
        /No such file or directory/.test(stderr) && args.includes("list")
          ? new AppError("FIREWALL_ERROR", stderr, { reason: "absent" })
          : null,
      failed: (words) => t("nft {{args}} failed (exit status {{code}}): {{stderr}}", words),
    });
  }
}

/**
 * Why each of `rules` cannot carry traffic, read from libvirt's chain after the apply: no rules
 * for its bridge, our accept missing, or libvirt's reject for the bridge ahead of it.
 */
export function whyNot(rules: ForwardRule[], libvirt: LibvirtNftables): NotApplied {
  const why: NotApplied = new Map();
  for (const r of rules) {
    if (!libvirt.bridges.has(r.bridge)) {
      why.set(
        r.id,
        () =>
          t(
            "libvirt's nftables table has no rules for bridge {{bridge}}: its network is not running",
            { bridge: r.bridge },
          ),
      );
      continue;
    }
    const at = libvirt.rules.findIndex((x) => ourId(x) === r.id);
    const reject = libvirt.rules.findIndex((x) => rejects(x) && metaMatch(x, "oif") === r.bridge);
    if (at === -1 || at > reject) {
      why.set(
        r.id,
        () =>
          t("libvirt's nftables rules for bridge {{bridge}} reject it ahead of ours", {
            bridge: r.bridge,
          }),
      );
    }
  }
  return why;
}
