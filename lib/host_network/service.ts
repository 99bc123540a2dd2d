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
import { INTERFACES_MAX_BYTES, readIfPresent, writeDurably } from "./files.ts";
import { type Block, parse, stanzasOf } from "./interfaces_file.ts";
import { configuredElsewhere } from "./sourced.ts";
import { interfacesOf, type IpLink, readLinks, takesABridge } from "./interfaces.ts";
import type { HostInterface, HostNetworkState, PendingChange } from "../../shared/host_network.ts";

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

/** Names ifupdown2 or the kernel read as something else. */
const RESERVED = new Set(["all", "default", "lo", "auto", "none"]);
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
    };
  }

  /** The host's interfaces as they are now (the Networks page's "Bridge this NIC for VMs"). */
  async interfaces(): Promise<HostInterface[]> {
    return interfacesOf(await readLinks(this.#run));
  }

  /** Stages "bridge this NIC": `bridge` over `nic`, with the NIC's addresses (bridge_nic.ts). */
  stageBridge(nic: string, bridge: string): Promise<HostNetworkState> {
    return this.#turns.run(async () => {
      const links = await this.#links();
      const link = links.get(nic);
      if (!link) {
        throw new AppError(
          "HOST_INTERFACE_NOT_FOUND",
          t("This host has no interface named {{name}}", { name: nic }),
        );
      }
      if (!takesABridge(link)) {
        throw new AppError(
          "HOST_NETWORK_NAME_TAKEN",
          t(
            "{{nic}} cannot take a bridge: only a NIC, bond or VLAN that is no other device's port can",
            {
              nic,
            },
          ),
        );
      }
      const current = await this.applier.current();
      const staged = await this.#staged() ?? { base: await sha256(current), file: current };
      const blocks = parse(staged.file);
      if (RESERVED.has(bridge) || links.has(bridge) || stanzasOf(blocks, bridge).length > 0) {
        throw new AppError(
          "HOST_NETWORK_NAME_TAKEN",
          t("This host already has an interface named {{name}}", { name: bridge }),
        );
      }
      if (portOfABridge(blocks, nic)) {
        throw new AppError(
          "HOST_NETWORK_NAME_TAKEN",
          t("{{nic}} is already a port of a bridge", { nic }),
        );
      }
      for (const name of [nic, bridge]) {
        const elsewhere = await configuredElsewhere(blocks, this.#paths.interfacesPath, name);
        if (elsewhere) {
          throw new AppError(
            "HOST_NETWORK_NAME_TAKEN",
            t("{{name}} is configured in {{file}}: KVM Manager changes only {{interfaces}}", {
              name,
              file: elsewhere,
              interfaces: this.#paths.interfacesPath,
            }),
          );
        }
      }
      await this.#write({ base: staged.base, file: bridgeNic(staged.file, nic, bridge) });
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

/** Whether a bridge in the file already has `nic` among its ports. */
function portOfABridge(blocks: Block[], nic: string): boolean {
  return blocks.some((b) =>
    b.kind === "iface" &&
    b.options.some(([k, v]) => k === "bridge-ports" && v.split(/\s+/).includes(nic))
  );
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
