// Asks POST /api/vms/validate about a config, debounced, for the checks only the host can do.

import { type Signal, useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { FieldIssue, VmConfig } from "../../shared/vms.ts";
import { errorMessage, validateVm } from "../../components/client/api.ts";

export const DEBOUNCE_MS = 300;

/** The host's answer about one config; `config` is what it was asked about. */
export interface ServerCheck {
  status: "idle" | "checking" | "done" | "failed";
  config: VmConfig | null;
  errors: FieldIssue[];
  warnings: FieldIssue[];
  /** Why the check itself failed (network, libvirt down). */
  message?: string;
}

const IDLE: ServerCheck = { status: "idle", config: null, errors: [], warnings: [] };

/**
 * Re-checks `config` (by its JSON) DEBOUNCE_MS after it last changed, while `enabled`; an answer
 * that arrives after a newer question is dropped. `now()` asks at once (the review step).
 */
export function useServerCheck(
  config: VmConfig,
  enabled: boolean,
): { check: Signal<ServerCheck>; now: () => void } {
  const check = useSignal<ServerCheck>(IDLE);
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const key = JSON.stringify(config);

  const ask = async (asked: VmConfig) => {
    const mine = ++seq.current;
    check.value = { ...check.value, status: "checking" };
    try {
      const { errors, warnings } = await validateVm(asked);
      if (mine === seq.current) check.value = { status: "done", config: asked, errors, warnings };
    } catch (err) {
      if (mine === seq.current) {
        check.value = { ...IDLE, status: "failed", message: errorMessage(err) };
      }
    }
  };

  useEffect(() => {
    if (!enabled) return;
    timer.current = setTimeout(() => ask(JSON.parse(key)), DEBOUNCE_MS);
    return () => clearTimeout(timer.current);
  }, [key, enabled]);

  // Asking now answers the same question the pending debounced ask would: that one is dropped, or
  // it would re-check a moment later and could change the verdict under the user's click.
  const now = () => {
    clearTimeout(timer.current);
    ask(JSON.parse(key));
  };
  return { check, now };
}
