// "Run command" through our agent: a command from its allow-list, arguments, an optional
// timeout; then the exit, the duration and both outputs, or the API's refusal verbatim with
// whatever output a timed-out or too talkative command left.

import { useSignal } from "@preact/signals";
import type { AgentPolicy, ExecOutput } from "../../shared/guest.ts";
import { ApiRequestError, errorMessage } from "../client/api.ts";
import { execCommand } from "./api.ts";
import { TextField } from "../../components/kit/controls.tsx";
import { FormButtons } from "../../components/kit/FormButtons.tsx";
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
  // A command line: no autocompletion or spelling marks.
  const plain = { autocomplete: "off", spellcheck: false };
  const r = result.value;
  return (
    <div class="guest-part">
      <form class="settings-form" noValidate onSubmit={run} aria-label="Run command">
        <h3>Run command</h3>
        <div class="form-row">
          <TextField
            id="guest-command"
            label="Command"
            hint={policy.allowedCommands.length
              ? `Allowed: ${policy.allowedCommands.join(", ")}`
              : "The agent's config allows no commands."}
            list="guest-command-list"
            required
            {...plain}
            value={command.value}
            onValue={(v) => command.value = v}
          />
          <datalist id="guest-command-list">
            {policy.allowedCommands.map((c) => <option key={c} value={c} />)}
          </datalist>
          <TextField
            id="guest-args"
            label="Arguments"
            hint="Split on spaces; no quoting and no shell, so an argument cannot contain a space."
            {...plain}
            value={args.value}
            onValue={(v) => args.value = v}
          />
          <TextField
            id="guest-timeout"
            label="Timeout (seconds)"
            hint={`Optional: ${seconds(policy.commandTimeoutMs)} s if empty, at most ${
              seconds(policy.maxCommandTimeoutMs)
            } s.`}
            errors={invalid.value ? [invalid.value] : []}
            type="number"
            min={1}
            max={seconds(policy.maxCommandTimeoutMs)}
            step="any"
            placeholder={String(seconds(policy.commandTimeoutMs))}
            value={timeout.value}
            onValue={(v) => timeout.value = v}
          />
        </div>
        <FormButtons
          submit="Run"
          busy={running.value}
          disabled={disabled || !command.value.trim()}
        >
          {running.value && <span class="muted">Running…</span>}
        </FormButtons>
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
