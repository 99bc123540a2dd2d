// The host's network changes as the API offers them: changes are staged on a copy of the
// interfaces file (kept beside the app's data, so a staged change survives a restart), shown as a
// diff against the file as it is, and applied as one step that rolls back unless confirmed
// (apply.ts). Proxmox VE stages its network edits the same way (interfaces.new).

import { createTwoFilesPatch } from "diff";
import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import type { CommandRunner } from "../firewall/run_command.ts";
import { HostNetworkApplier } from "./apply.ts";
import type { HostNetworkState, PendingChange } from "../../shared/host_network.ts";
import { bridgeNic } from "./bridge_nic.ts";
import { type Block, parse, stanzasOf } from "./interfaces_file.ts";

export interface HostNetworkPaths {
  interfacesPath: string;
  /** The staged copy of the file. */
  stagedPath: string;
  pendingPath: string;
}

export class HostNetworkService {
  readonly #paths: HostNetworkPaths;
  readonly #run: CommandRunner;
  readonly applier: HostNetworkApplier;

  constructor(paths: HostNetworkPaths, run: CommandRunner) {
    this.#paths = paths;
    this.#run = run;
    this.applier = new HostNetworkApplier({ ...paths, run });
  }

  async state(): Promise<HostNetworkState> {
    const file = await this.applier.current();
    const staged = await this.#staged();
    return {
      file,
      staged: staged === null ? "" : diff(file, staged),
      pending: this.applier.pending,
    };
  }

  /** Stages "bridge this NIC": `bridge` over `nic`, with the NIC's addresses (bridge_nic.ts). */
  async stageBridge(nic: string, bridge: string): Promise<HostNetworkState> {
    const links = await this.#linkNames();
    if (!links.has(nic)) {
      throw new AppError(
        "HOST_INTERFACE_NOT_FOUND",
        t("This host has no interface named {{name}}", { name: nic }),
      );
    }
    const base = await this.#staged() ?? await this.applier.current();
    const blocks = parse(base);
    if (links.has(bridge) || stanzasOf(blocks, bridge).length > 0) {
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
    await Deno.writeTextFile(this.#paths.stagedPath, bridgeNic(base, nic, bridge));
    return this.state();
  }

  /** Drops the staged changes. */
  async discard(): Promise<HostNetworkState> {
    await Deno.remove(this.#paths.stagedPath).catch((err) => {
      if (!(err instanceof Deno.errors.NotFound)) throw err;
    });
    return this.state();
  }

  /** Applies the staged changes as one step, rolled back unless confirmed in `rollbackSeconds`. */
  async apply(rollbackSeconds: number): Promise<PendingChange> {
    const staged = await this.#staged();
    if (staged === null) {
      throw new AppError("HOST_NETWORK_NOTHING_STAGED", t("No network change is staged"));
    }
    const change = await this.applier.apply(staged, rollbackSeconds);
    await this.discard();
    return change;
  }

  /** The names of the host's links, as `ip -j link show` lists them. */
  async #linkNames(): Promise<Set<string>> {
    const out = await this.#run("ip", ["-j", "link", "show"]);
    if (out.code !== 0) {
      throw new AppError(
        "HOST_NETWORK_APPLY_FAILED",
        t("ip could not list the host's interfaces: {{message}}", { message: out.stderr.trim() }),
      );
    }
    const links = JSON.parse(out.stdout) as { ifname: string }[];
    return new Set(links.map((l) => l.ifname));
  }

  async #staged(): Promise<string | null> {
    try {
      return await Deno.readTextFile(this.#paths.stagedPath);
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) return null;
      throw err;
    }
  }
}

/** Whether a bridge in the file already has `nic` among its ports. */
function portOfABridge(blocks: Block[], nic: string): boolean {
  return blocks.some((b) =>
    b.kind === "iface" &&
    b.options.some(([k, v]) => k === "bridge-ports" && v.split(/\s+/).includes(nic))
  );
}

function diff(before: string, after: string): string {
  return createTwoFilesPatch("interfaces", "interfaces (staged)", before, after, "", "", {
    context: 3,
  });
}
