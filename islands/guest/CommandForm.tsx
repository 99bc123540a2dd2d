// "Run command" through our agent: a command from its allow-list, arguments, an optional
// timeout; then the exit, the duration and both outputs, or the API's refusal verbatim with
// whatever output a timed-out or too talkative command left.

import { useSignal } from "@preact/signals";
import type { AgentPolicy, ExecOutput } from "../../shared/guest.ts";
import { ApiRequestError, errorMessage } from "../client/api.ts";
import { execCommand } from "./api.ts";
import { exitLabel, formatDuration, partialOutput, splitArgs, timeoutMsOf } from "./format.ts";

interface Props {
  vmId: string;
  policy: AgentPolicy;
  disabled: boolean;
}

type Result =
  | { ok: true; command: string; out: ExecOutput }
  | { ok: false; message: string; partial: { stdout: string; stderr: string } | null };

export function CommandForm({ vmId, policy, disabled }: Props) {
  const command = useSignal("");
  const args = useSignal("");
  const timeout = useSignal("");
  const running = useSignal(false);
  const result = useSignal<Result | null>(null);
  const invalid = useSignal<string | null>(null);

  const run = async (e: Event) => {
    e.preventDefault();
    const timeoutMs = timeoutMsOf(timeout.value);
    if (timeoutMs === null) {
      invalid.value = "Timeout must be a number of seconds above 0";
      return;
    }
    invalid.value = null;
    running.value = true;
    result.value = null;
    const name = command.value.trim();
    try {
      const out = await execCommand(vmId, {
        command: name,
        args: splitArgs(args.value),
        ...(timeoutMs ? { timeoutMs } : {}),
      });
      result.value = { ok: true, command: name, out };
    } catch (err) {
      result.value = {
        ok: false,
        message: errorMessage(err),
        partial: err instanceof ApiRequestError ? partialOutput(err.body) : null,
      };
    } finally {
      running.value = false;
    }
  };

  const seconds = (ms: number) => Math.round(ms / 100) / 10;
  const r = result.value;
  return (
    <div class="guest-part">
      <form class="settings-form" noValidate onSubmit={run} aria-label="Run command">
        <h3>Run command</h3>
        <div class="form-row">
          <div class="form-field">
            <label for="guest-command">Command</label>
            <input
              id="guest-command"
              type="text"
              list="guest-command-list"
              autocomplete="off"
              spellcheck={false}
              required
              aria-describedby="guest-command-hint"
              value={command.value}
              onInput={(e) => command.value = e.currentTarget.value}
            />
            <datalist id="guest-command-list">
              {policy.allowedCommands.map((c) => <option key={c} value={c} />)}
            </datalist>
            <p class="form-hint" id="guest-command-hint">
              {policy.allowedCommands.length
                ? `Allowed: ${policy.allowedCommands.join(", ")}`
                : "The agent's config allows no commands."}
            </p>
          </div>
          <div class="form-field">
            <label for="guest-args">Arguments</label>
            <input
              id="guest-args"
              type="text"
              autocomplete="off"
              spellcheck={false}
              aria-describedby="guest-args-hint"
              value={args.value}
              onInput={(e) => args.value = e.currentTarget.value}
            />
            <p class="form-hint" id="guest-args-hint">
              Split on spaces; no quoting and no shell, so an argument cannot contain a space.
            </p>
          </div>
          <div class="form-field">
            <label for="guest-timeout">Timeout (seconds)</label>
            <input
              id="guest-timeout"
              type="number"
              min={1}
              max={seconds(policy.maxCommandTimeoutMs)}
              step="any"
              placeholder={String(seconds(policy.commandTimeoutMs))}
              aria-describedby="guest-timeout-hint"
              aria-invalid={invalid.value !== null}
              value={timeout.value}
              onInput={(e) => timeout.value = e.currentTarget.value}
            />
            <p class="form-hint" id="guest-timeout-hint">
              Optional: {seconds(policy.commandTimeoutMs)} s if empty, at most{" "}
              {seconds(policy.maxCommandTimeoutMs)} s.
            </p>
          </div>
        </div>
        {invalid.value && <p class="form-error" role="alert">{invalid.value}</p>}
        <div class="form-buttons">
          <button
            type="submit"
            class="button button-primary"
            disabled={disabled || running.value || !command.value.trim()}
            aria-busy={running.value}
          >
            Run
          </button>
          {running.value && <span class="muted">Running…</span>}
        </div>
      </form>
      {r?.ok && (
        <div class="guest-result" role="region" aria-label="Command result">
          <p role="status">
            <code>{r.command}</code>: {exitLabel(r.out)} after {formatDuration(r.out.durationMs)}
          </p>
          <Output label="Standard output" text={r.out.stdout} />
          <Output label="Standard error" text={r.out.stderr} />
        </div>
      )}
      {r && !r.ok && (
        <div class="guest-result" role="region" aria-label="Command result">
          <p class="note note-error" role="alert">{r.message}</p>
          {r.partial && (
            <>
              <Output label="Standard output (partial)" text={r.partial.stdout} />
              <Output label="Standard error (partial)" text={r.partial.stderr} />
            </>
          )}
        </div>
      )}
    </div>
  );
}

function Output({ label, text }: { label: string; text: string }) {
  return (
    <figure class="guest-output">
      <figcaption>{label}</figcaption>
      {text ? <pre aria-label={label}>{text}</pre> : <p class="muted">(empty)</p>}
    </figure>
  );
}
