// "Run command" through our agent: a command from its allow-list, arguments, an optional
// timeout; then the exit, the duration and both outputs, or the API's refusal verbatim with
// whatever output a timed-out or too talkative command left.

import { useSignal } from "@preact/signals";
import type { AgentPolicy, ExecOutput } from "../../shared/guest.ts";
import { ApiRequestError, errorMessage } from "../../components/client/api.ts";
import { execCommand } from "./api.ts";
import { TextField } from "../../components/kit/controls.tsx";
import { FormButtons } from "../../components/kit/FormButtons.tsx";
import { exitLabel, formatDuration, partialOutput, splitArgs, timeoutMsOf } from "./format.ts";
import { Trans } from "../../components/kit/Trans.tsx";
import { bindSignal } from "../../components/kit/bind_signal.ts";
import { t } from "../../shared/i18n/t.ts";
import { formatNumber } from "../../shared/i18n/format.ts";

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
      invalid.value = t("Timeout must be a number of seconds above 0");
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
  const secondsText = (ms: number) => formatNumber(seconds(ms), { useGrouping: false });
  // A command line: no autocompletion or spelling marks.
  const plain = { autocomplete: "off", spellcheck: false };
  const r = result.value;
  return (
    <div class="guest-part">
      <form class="settings-form" noValidate onSubmit={run} aria-label={t("Run command")}>
        <h3>{t("Run command")}</h3>
        <div class="form-row">
          <TextField
            id="guest-command"
            label={t("Command")}
            hint={policy.allowedCommands.length
              ? t("Allowed: {{commands}}", { commands: policy.allowedCommands.join(", ") })
              : t("The agent's config allows no commands.")}
            list="guest-command-list"
            required
            {...plain}
            {...bindSignal(command)}
          />
          <datalist id="guest-command-list">
            {policy.allowedCommands.map((c) => <option key={c} value={c} />)}
          </datalist>
          <TextField
            id="guest-args"
            label={t("Arguments")}
            hint={t(
              "Split on spaces; no quoting and no shell, so an argument cannot contain a space.",
            )}
            {...plain}
            {...bindSignal(args)}
          />
          <TextField
            id="guest-timeout"
            label={t("Timeout (seconds)")}
            hint={t("Optional: {{seconds}} s if empty, at most {{max}} s.", {
              seconds: secondsText(policy.commandTimeoutMs),
              max: secondsText(policy.maxCommandTimeoutMs),
            })}
            errors={invalid.value ? [invalid.value] : []}
            type="number"
            min={1}
            max={seconds(policy.maxCommandTimeoutMs)}
            step="any"
            placeholder={String(seconds(policy.commandTimeoutMs))}
            {...bindSignal(timeout)}
          />
        </div>
        <FormButtons
          submit={t("Run")}
          busy={running.value}
          disabled={disabled || !command.value.trim()}
        >
          {running.value && <span class="muted">{t("Running…")}</span>}
        </FormButtons>
      </form>
      {r?.ok && (
        <div class="guest-result" role="region" aria-label={t("Command result")}>
          <p role="status">
            <Trans
              text={t("{{command}}: {{exit}} after {{duration}}", {
                command: "{{command}}",
                exit: exitLabel(r.out),
                duration: formatDuration(r.out.durationMs),
              })}
              parts={{ command: <code>{r.command}</code> }}
            />
          </p>
          <Output label={t("Standard output")} text={r.out.stdout} />
          <Output label={t("Standard error")} text={r.out.stderr} />
        </div>
      )}
      {r && !r.ok && (
        <div class="guest-result" role="region" aria-label={t("Command result")}>
          <p class="note note-error" role="alert">{r.message}</p>
          {r.partial && (
            <>
              <Output label={t("Standard output (partial)")} text={r.partial.stdout} />
              <Output label={t("Standard error (partial)")} text={r.partial.stderr} />
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
      {text ? <pre aria-label={label}>{text}</pre> : <p class="muted">{t("(empty)")}</p>}
    </figure>
  );
}
