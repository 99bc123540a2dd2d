// What the iptables and nftables backends share: their tool, found under its names, and one
// queue, so an apply, a listing or a teardown never runs into another; rules are checked before
// they queue.

import { checkRules } from "./iptables_rules.ts";
import { type FirewallTool, OneAtATime, toolFor, type ToolOptions } from "./run_command.ts";
import type { Firewall, ForwardRule, NotApplied } from "./types.ts";

/** A firewall backend that runs one tool (iptables, nft), one call at a time. */
export abstract class ToolBackend implements Firewall {
  readonly #tool: FirewallTool;
  readonly #serial = new OneAtATime();

  /** The tool `opts` name, else the first of `defaults` installed (see toolFor). */
  protected constructor(
    opts: ToolOptions,
    defaults: string[],
    cannotRun: (reason: string) => string,
  ) {
    this.#tool = toolFor(opts, defaults, cannotRun);
  }

  /**
   * Checks `rules`, then applies them once the calls queued before have finished (applyQueued):
   * a wrong rule is refused at once instead of waiting for the applies ahead of it.
   */
  async apply(rules: ForwardRule[]): Promise<NotApplied> {
    checkRules(rules);
    return await this.queued(() => this.applyQueued(rules));
  }

  abstract list(): Promise<ForwardRule[]>;

  /** The backend's own apply of checked rules, run in the queue. */
  protected abstract applyQueued(rules: ForwardRule[]): Promise<NotApplied>;

  /** Runs `work` once every call queued before it has finished. */
  protected queued<T>(work: () => Promise<T>): Promise<T> {
    return this.#serial.run(work);
  }

  /** Runs the tool with `args` (and `input` on its stdin); null when it is not installed. */
  protected runTool(args: readonly string[], input?: string) {
    return this.#tool.run(args, input);
  }
}
