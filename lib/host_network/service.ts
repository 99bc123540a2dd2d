// The host's network changes as the API offers them: changes are staged on a copy of the
// interfaces file (kept beside the app's data, so a staged change survives a restart), shown as a
// diff against the file as it is, and applied as one step that rolls back unless confirmed
// (apply.ts). Proxmox VE stages its network edits the same way (interfaces.new). The staged copy
// remembers the file it was made from: an apply after someone edited the file by hand is refused
// rather than quietly undoing their edit.

import { createTwoFilesPatch } from "diff";
import { z } from "zod";
import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import { type CommandRunner, OneAtATime } from "../firewall/run_command.ts";
import { HostNetworkApplier } from "./apply.ts";
import { bridgeNic } from "./bridge_nic.ts";
import { DEFAULT_MIIMON } from "./input.ts";
import { INTERFACES_MAX_BYTES, readIfPresent, writeDurably } from "./files.ts";
import { parse, stanzasOf } from "./interfaces_file.ts";
import { interfacesOf, type IpLink, readLinks, takesABridge } from "./interfaces.ts";
import { changeBond, definedIn, setBridgePorts } from "./change.ts";
import {
  checkBridgePorts,
  checkFreeName,
  checkMembers,
  checkNotAPort,
  checkNotElsewhere,
  checkVlanParent,
  notFound,
  type StageContext,
  stagedKind,
  taken,
} from "./checks.ts";
import {
  addBond,
  type Addressing,
  addVlan,
  kindInFile,
  removeInterface,
  setAddressing,
  usersOf,
} from "./stanzas.ts";
import type {
  BondMode,
  HostInterface,
  HostNetworkState,
  PendingChange,
  PlannedInterface,
} from "../../shared/host_network.ts";

export interface HostNetworkPaths {
  interfacesPath: string;
  /** The staged copy of the file, with the file it was made from. */
  stagedPath: string;
  pendingPath: string;
}

const Staged = z.strictObject({
  /** SHA-256 of the interfaces file the first staged change was made on. */
  base: z.string(),
  file: z.string().max(INTERFACES_MAX_BYTES),
});
type Staged = z.infer<typeof Staged>;

/** The most diff work shown: past it the staged file is shown whole instead. */
const DIFF_MAX_EDITS = 4_000;

export class HostNetworkService {
  readonly #paths: HostNetworkPaths;
  readonly #run: CommandRunner;
  readonly applier: HostNetworkApplier;
  /** One stage, discard or apply at a time: none reads a staged copy another is writing. */
  readonly #turns = new OneAtATime();

  constructor(paths: HostNetworkPaths, run: CommandRunner, log?: (message: string) => void) {
    this.#paths = paths;
    this.#run = run;
    this.applier = new HostNetworkApplier({ ...paths, run, log });
  }

  async state(): Promise<HostNetworkState> {
    const links = await readLinks(this.#run);
    const file = await this.applier.current();
    const staged = await this.#staged();
    return {
      interfaces: interfacesOf(links),
      file,
      staged: staged === null ? "" : diff(file, staged.file),
      pending: this.applier.pending,
      planned: staged === null ? [] : planned(staged.file, new Set(links.map((l) => l.ifname))),
      defined: definedIn(staged?.file ?? file),
    };
  }

  /** The host's interfaces as they are now (the Networks page's "Bridge this NIC for VMs"). */
  async interfaces(): Promise<HostInterface[]> {
    return interfacesOf(await readLinks(this.#run));
  }

  /**
   * Stages "bridge this NIC": `bridge` over `nic`, with the NIC's addresses (bridge_nic.ts). The
   * NIC may be a bond or VLAN staged before it, which the kernel does not have yet.
   */
  stageBridge(nic: string, bridge: string): Promise<HostNetworkState> {
    return this.#stage(async (ctx, file) => {
      const link = ctx.links.get(nic);
      const staged = stagedKind(ctx, nic);
      if (!link && staged !== "bond" && staged !== "vlan") throw notFound(nic);
      if (link && !takesABridge(link)) {
        throw taken(
          t(
            "{{nic}} cannot take a bridge: only a NIC, bond or VLAN that is no other device's port can",
            { nic },
          ),
          "nic",
        );
      }
      await checkFreeName(ctx, bridge, "bridge");
      checkNotAPort(ctx, nic, "nic");
      await checkNotElsewhere(ctx, nic, "nic");
      return bridgeNic(file, nic, bridge);
    });
  }

  /** Stages bond `name` over NICs `members`; a member's addresses move to it (stanzas.ts). */
  stageBond(
    { name, members, mode, miimon }: {
      name: string;
      members: string[];
      mode: BondMode;
      miimon: number;
    },
  ): Promise<HostNetworkState> {
    return this.#stage(async (ctx, file) => {
      await checkFreeName(ctx, name, "name");
      await checkMembers(ctx, members);
      return addBond(file, { name, members, mode, miimon });
    });
  }

  /** Stages VLAN `id` over `parent`, named `name` or PARENT.ID. */
  stageVlan(
    { parent, id, name }: { parent: string; id: number; name?: string },
  ): Promise<HostNetworkState> {
    return this.#stage(async (ctx, file) => {
      const vlan = name ?? `${parent}.${id}`;
      if (vlan.length > 15) {
        throw new AppError(
          "INVALID_INPUT",
          t(
            "{{name}} is longer than the 15 characters an interface name may have: give the VLAN a name",
            {
              name: vlan,
            },
          ),
          { field: "name" },
        );
      }
      checkVlanParent(ctx, parent, id);
      await checkFreeName(ctx, vlan, "name");
      return addVlan(file, { name: vlan, parent, id });
    });
  }

  /** Stages `name`'s addresses: the ones given, DHCP, or none (stanzas.ts setAddressing). */
  stageAddress(name: string, addressing: Addressing): Promise<HostNetworkState> {
    return this.#stage(async (ctx, file) => {
      const field = "interface";
      if (name === "lo") {
        throw taken(t("The loopback's addresses are the kernel's own"), field);
      }
      if (!ctx.links.has(name) && stanzasOf(ctx.blocks, name).length === 0) {
        throw notFound(name, field);
      }
      checkNotAPort(ctx, name, field);
      await checkNotElsewhere(ctx, name, field);
      return setAddressing(file, name, addressing);
    });
  }

  /** Stages bridge `bridge`'s ports as `ports` (none is a bridge of its own), change.ts. */
  stageBridgePorts(bridge: string, ports: string[]): Promise<HostNetworkState> {
    return this.#stage(async (ctx, file) => {
      this.#checkDefines(ctx, bridge, "bridge", "bridge");
      await checkBridgePorts(ctx, bridge, ports);
      return setBridgePorts(file, bridge, ports);
    });
  }

  /**
   * Stages bond `name`'s members, mode and link check; `mode` and `miimon` left out stay as the
   * file says them (the default check when it says none).
   */
  stageBondChange(
    { name, members, mode, miimon }: {
      name: string;
      members: string[];
      mode?: BondMode;
      miimon?: number;
    },
  ): Promise<HostNetworkState> {
    return this.#stage(async (ctx, file) => {
      this.#checkDefines(ctx, name, "bond", "name");
      await checkMembers(ctx, members, name);
      const now = definedIn(file).find((d) => d.name === name);
      return changeBond(file, name, {
        members,
        mode: mode ?? (now?.mode as BondMode | null) ?? "balance-rr",
        miimon: miimon ?? now?.miimon ?? DEFAULT_MIIMON,
      });
    });
  }

  /** 404 unless the staged file defines `name` as a `kind`: only those are changed here. */
  #checkDefines(ctx: StageContext, name: string, kind: "bridge" | "bond", field: string) {
    if (kindInFile(ctx.blocks, name) === kind) return;
    throw new AppError(
      "HOST_INTERFACE_NOT_FOUND",
      kind === "bridge"
        ? t("{{file}} defines no bridge named {{name}}", {
          name,
          file: this.#paths.interfacesPath,
        })
        : t("{{file}} defines no bond named {{name}}", { name, file: this.#paths.interfacesPath }),
      { field },
    );
  }

  /**
   * Stages the deletion of a bridge, bond or VLAN of the interfaces file (one this page makes),
   * refused while another interface of the file stands on it.
   */
  stageDelete(name: string): Promise<HostNetworkState> {
    return this.#stage((ctx, file) => {
      if (stanzasOf(ctx.blocks, name).length === 0) {
        throw new AppError(
          "HOST_INTERFACE_NOT_FOUND",
          t("{{name}} is not in {{file}}", { name, file: this.#paths.interfacesPath }),
          { field: "name" },
        );
      }
      if (kindInFile(ctx.blocks, name) === null) {
        throw new AppError(
          "INVALID_INPUT",
          t("Only a bridge, bond or VLAN can be deleted here: {{name}} is none", { name }),
          { field: "name" },
        );
      }
      const users = usersOf(ctx.blocks, name);
      if (users.length > 0) {
        throw taken(
          t("{{name}} is used by {{users}}: delete or change those first", {
            name,
            users: users.join(", "),
          }),
          "name",
        );
      }
      return Promise.resolve(removeInterface(file, name));
    });
  }

  /**
   * One staged change: `change` is given the host's links, the staged file (made from the file
   * as it is when nothing is staged yet) and its text, and answers the file changed, or throws.
   */
  #stage(
    change: (ctx: StageContext, file: string) => Promise<string>,
  ): Promise<HostNetworkState> {
    return this.#turns.run(async () => {
      const links = await this.#links();
      const current = await this.applier.current();
      const staged = await this.#staged() ?? { base: await sha256(current), file: current };
      const ctx = {
        links,
        blocks: parse(staged.file),
        applied: parse(current),
        interfacesPath: this.#paths.interfacesPath,
      };
      const next = await change(ctx, staged.file);
      if (next.length > INTERFACES_MAX_BYTES) {
        throw new AppError(
          "INVALID_INPUT",
          t("The staged file would be larger than {{max}} KiB", {
            max: String(INTERFACES_MAX_BYTES / 1024),
          }),
        );
      }
      await this.#write({ base: staged.base, file: next });
      return this.state();
    });
  }

  /** Drops the staged changes. */
  discard(): Promise<HostNetworkState> {
    return this.#turns.run(async () => {
      await this.#drop();
      return this.state();
    });
  }

  /**
   * Applies the staged changes as one step, rolled back unless confirmed in `rollbackSeconds`;
   * refused when the file changed since they were staged.
   */
  apply(rollbackSeconds: number): Promise<PendingChange> {
    return this.#turns.run(async () => {
      const staged = await this.#staged();
      if (staged === null) {
        throw new AppError("HOST_NETWORK_NOTHING_STAGED", t("No network change is staged"));
      }
      if (await sha256(await this.applier.current()) !== staged.base) {
        throw new AppError(
          "HOST_NETWORK_FILE_CHANGED",
          t("{{file}} changed since these changes were staged: discard them and stage them again", {
            file: this.#paths.interfacesPath,
          }),
        );
      }
      const change = await this.applier.apply(staged.file, rollbackSeconds);
      await this.#drop();
      return change;
    });
  }

  /** The host's links by name (interfaces.ts). */
  async #links(): Promise<Map<string, IpLink>> {
    return new Map((await readLinks(this.#run)).map((l) => [l.ifname, l]));
  }

  async #staged(): Promise<Staged | null> {
    const text = await readIfPresent(this.#paths.stagedPath);
    if (text === null) return null;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return null;
    }
    const parsed = Staged.safeParse(json);
    // Not a copy this server wrote (an older format, a hand edit): nothing is staged.
    return parsed.success ? parsed.data : null;
  }

  #write(staged: Staged): Promise<void> {
    return writeDurably(this.#paths.stagedPath, JSON.stringify(staged), 0o600);
  }

  async #drop(): Promise<void> {
    await Deno.remove(this.#paths.stagedPath).catch((err) => {
      if (!(err instanceof Deno.errors.NotFound)) throw err;
    });
  }
}

/** The bridges, bonds and VLANs of `file` that are not among the host's links yet. */
function planned(file: string, links: Set<string>): PlannedInterface[] {
  const blocks = parse(file);
  const names = new Set(blocks.flatMap((b) => b.kind === "iface" ? [b.name] : []));
  return [...names].flatMap((name) => {
    const kind = links.has(name) ? null : kindInFile(blocks, name);
    return kind ? [{ name, kind }] : [];
  });
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The staged file against the current one as a unified diff, bounded in the work it takes. */
function diff(before: string, after: string): string {
  const patch = createTwoFilesPatch("interfaces", "interfaces (staged)", before, after, "", "", {
    context: 3,
    maxEditLength: DIFF_MAX_EDITS,
  });
  return patch ?? t("(the staged file differs too much to show as a diff; it reads:)\n{{file}}", {
    file: after,
  });
}
