// The local host's port forwards, written for the firewall backend libvirt uses for each network
// (https://libvirt.org/firewall.html): nftables (libvirt's table has rules for the bridge) or
// iptables (everything else, as before). A network started under one backend keeps it until it
// restarts, so the choice is made per bridge at every apply; each side is applied with its share,
// which also takes away what moved to the other side.

import { AppError } from "../errors.ts";
import { IptablesFirewall } from "./iptables.ts";
import { checkRules } from "./iptables_rules.ts";
import { NftablesFirewall } from "./nftables.ts";
import type { Firewall, ForwardRule, NotApplied } from "./types.ts";

const notInstalled = (err: unknown) =>
  err instanceof AppError && err.details?.reason === "not-installed";

/** One backend, as the host's firewall drives it. */
type Side = Pick<IptablesFirewall, "apply" | "list" | "holdsRules">;

/** Whether a side holds anything of ours; a side that cannot be read is taken to hold nothing. */
const holds = (side: Side) => side.holdsRules().catch(() => false);

export class HostFirewall implements Firewall {
  #iptables: Side;
  #nftables: Side & Pick<NftablesFirewall, "libvirtRules">;

  constructor(
    opts: {
      iptables?: Side;
      nftables?: Side & Pick<NftablesFirewall, "libvirtRules">;
    } = {},
  ) {
    this.#iptables = opts.iptables ?? new IptablesFirewall();
    this.#nftables = opts.nftables ?? new NftablesFirewall();
  }

  /**
   * Rules of bridges in libvirt's nftables table go there, the others to iptables; when iptables
   * is not installed, they go to nftables too (a host with nftables only). A side that gets
   * nothing and holds nothing of ours is left alone, so that a backend nobody uses here (an
   * iptables that refuses nftables' tables, a kernel without what nft needs) fails nothing.
   */
  async apply(rules: ForwardRule[]): Promise<NotApplied> {
    checkRules(rules);
    const libvirt = await this.#nftables.libvirtRules().catch((err) => {
      if (notInstalled(err)) return null;
      throw err;
    });
    const viaNft = rules.filter((r) => libvirt?.bridges.has(r.bridge));
    const viaIptables = rules.filter((r) => !libvirt?.bridges.has(r.bridge));
    if (viaIptables.length > 0 || await holds(this.#iptables)) {
      try {
        await this.#iptables.apply(viaIptables);
      } catch (err) {
        if (!notInstalled(err) || (viaIptables.length > 0 && libvirt === null)) throw err;
        viaNft.push(...viaIptables);
      }
    }
    if (libvirt === null || (viaNft.length === 0 && !await holds(this.#nftables))) {
      return new Map();
    }
    return await this.#nftables.apply(viaNft);
  }

  /** Whether either side holds a rule of ours, complete or not. */
  async holdsRules(): Promise<boolean> {
    return await holds(this.#iptables) || await holds(this.#nftables);
  }

  /** Both sides' forwards (a side not installed has none). */
  async list(): Promise<ForwardRule[]> {
    const side = (rules: Promise<ForwardRule[]>) =>
      rules.catch((err) => {
        if (notInstalled(err)) return [];
        throw err;
      });
    const all = [...await side(this.#iptables.list()), ...await side(this.#nftables.list())];
    return all.sort((a, b) => a.id - b.id);
  }
}
