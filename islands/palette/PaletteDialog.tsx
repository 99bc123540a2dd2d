// The palette itself, a modal <dialog>: a search box that is a combobox over a listbox of
// pages, VMs, tabs and actions (arrows, Home/End, Enter runs the active one), and, for an
// action that cuts a guest off (Force stop, Reset), a question inside the palette naming the
// VM, its Cancel focused first. Escape there goes back to the list; Escape in the list closes.

import type { RefObject } from "preact";
import { useSignal } from "@preact/signals";
import { useEffect, useLayoutEffect, useRef } from "preact/hooks";
import { Dialog } from "../../components/kit/Dialog.tsx";
import { Button } from "../../components/kit/Button.tsx";
import { StateIcon, stateWord } from "../../components/shell/StateIcon.tsx";
import { actionLabel } from "../../components/client/actions.ts";
import { t, tKey } from "../../shared/i18n/t.ts";
import { errorMessage, runAction } from "../../components/client/api.ts";
import { isAdmin, mayPowerVm } from "../../components/client/session.ts";
import { CONFIRMED } from "../vm/power_menu.ts";
import {
  type EntryKind,
  matchEntries,
  pageEntries,
  type PaletteEntry,
  vmEntries,
} from "./entries.ts";
import { paletteVms, paletteVmsError } from "./live_vms.ts";

export const PALETTE_LIST_ID = "palette-options";
const optionId = (i: number) => `palette-option-${i}`;

/** What each kind of option is, beside it (keys: `t(KIND_WORDS[kind])`). */
const KIND_WORDS: Record<EntryKind, string> = {
  page: tKey("Page"),
  vm: tKey("VM"),
  tab: tKey("VM tab"),
  action: tKey("Action"),
};

type Run = NonNullable<PaletteEntry["run"]>;

interface Props {
  dialogRef: RefObject<HTMLDialogElement | null>;
  onClose: () => void;
}

export function PaletteDialog({ dialogRef, onClose }: Props) {
  const query = useSignal("");
  const active = useSignal(0);
  const asking = useSignal<Run | null>(null);
  const pending = useSignal(false);
  const failure = useSignal<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);

  const vms = paletteVms.value;
  const entries = [
    ...pageEntries(isAdmin()),
    ...(vms ?? []).flatMap((vm) => vmEntries(vm, mayPowerVm(vm.id))),
  ];
  const shown = matchEntries(entries, query.value);
  const current = Math.min(active.value, Math.max(shown.length - 1, 0));

  useEffect(() => {
    document.getElementById(optionId(current))?.scrollIntoView({ block: "nearest" });
  }, [current, query.value]);

  // Before the next key arrives: the question's Cancel, or back to the search box.
  useLayoutEffect(() => {
    if (asking.value) cancel.current?.focus();
    else input.current?.focus();
  }, [asking.value]);

  const close = () => dialogRef.current?.close();
  // Cleared as it closes, not as it opens: keys typed right after Ctrl+K are kept.
  const closed = () => {
    query.value = "";
    active.value = 0;
    asking.value = null;
    failure.value = null;
    onClose();
  };

  const act = async (run: Run) => {
    pending.value = true;
    failure.value = null;
    try {
      await runAction(run.vmId, run.action);
      close();
    } catch (err) {
      failure.value = t("{{action}} {{name}}: {{reason}}", {
        action: actionLabel(run.action),
        name: run.vmName,
        reason: errorMessage(err),
      });
      asking.value = null;
    } finally {
      pending.value = false;
    }
  };

  const choose = (entry: PaletteEntry | undefined) => {
    if (!entry || pending.value) return;
    if (entry.href) {
      close();
      location.assign(entry.href);
    } else if (entry.run) {
      if (CONFIRMED[entry.run.action]) asking.value = entry.run;
      else act(entry.run);
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const last = shown.length - 1;
    const move: Record<string, number> = {
      ArrowDown: current >= last ? 0 : current + 1,
      ArrowUp: current <= 0 ? last : current - 1,
      Home: 0,
      End: last,
    };
    if (e.key in move) {
      e.preventDefault();
      active.value = Math.max(move[e.key], 0);
    } else if (e.key === "Enter") {
      e.preventDefault();
      choose(shown[current]);
    }
  };

  const asked = asking.value;
  return (
    <Dialog dialogRef={dialogRef} title={t("Command palette")} class="palette" onClose={closed}>
      {asked
        ? (
          <Question
            run={asked}
            cancelRef={cancel}
            pending={pending.value}
            onCancel={() => asking.value = null}
            onConfirm={() =>
              act(asked)}
          />
        )
        : (
          <>
            <input
              ref={input}
              class="palette-input"
              type="text"
              role="combobox"
              aria-label={t("Search or jump to")}
              aria-expanded="true"
              aria-controls={PALETTE_LIST_ID}
              aria-autocomplete="list"
              aria-activedescendant={shown.length ? optionId(current) : undefined}
              placeholder={t("Search VMs, pages and actions…")}
              autocomplete="off"
              spellcheck={false}
              value={query.value}
              onInput={(e) => {
                query.value = e.currentTarget.value;
                active.value = 0;
              }}
              onKeyDown={onKeyDown}
            />
            <ul class="palette-list" id={PALETTE_LIST_ID} role="listbox" aria-label={t("Results")}>
              {shown.map((entry, i) => (
                <li
                  key={entry.key}
                  id={optionId(i)}
                  role="option"
                  class="palette-option"
                  aria-selected={i === current}
                  onMouseMove={() => active.value = i}
                  onClick={() =>
                    choose(entry)}
                >
                  {entry.state && <StateIcon state={entry.state} />}
                  <span class="palette-label">{entry.label}</span>
                  {entry.state && <span class="sr-only">({stateWord(entry.state)})</span>}
                  <span class="palette-kind">{t(KIND_WORDS[entry.kind])}</span>
                </li>
              ))}
            </ul>
            <Status shown={shown.length} query={query.value} />
          </>
        )}
      {failure.value && (
        <p class="notice notice-error palette-failure" role="alert">{failure.value}</p>
      )}
    </Dialog>
  );
}

/** The empty state, or the count for screen readers; and where the VM list stands. */
function Status({ shown, query }: { shown: number; query: string }) {
  const loading = paletteVms.value === null && !paletteVmsError.value;
  return (
    <p class="palette-status" role="status">
      {shown === 0 &&
        (query.trim()
          ? t("Nothing matches “{{query}}”.", { query: query.trim() })
          : t("Nothing to show."))}
      {shown > 0 && <span class="sr-only">{t("{{count}} results", { count: shown })}</span>}
      {loading && ` ${t("Loading VMs…")}`}
      {paletteVmsError.value &&
        ` ${t("VMs could not be read: {{reason}}", { reason: paletteVmsError.value })}`}
    </p>
  );
}

interface QuestionProps {
  run: Run;
  cancelRef: RefObject<HTMLButtonElement | null>;
  pending: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}

/** "Force stop db?" with the reason, Cancel (focused) and the action naming the VM. */
function Question({ run, cancelRef, pending, onCancel, onConfirm }: QuestionProps) {
  const words = CONFIRMED[run.action]!;
  return (
    <section
      class="palette-question"
      aria-labelledby="palette-question-title"
      onKeyDown={(e) => {
        // Escape goes back to the list; the dialog closes only on an Escape there.
        if (e.key !== "Escape") return;
        e.preventDefault();
        onCancel();
      }}
    >
      <h3 id="palette-question-title">{t(words.question, { name: run.vmName })}</h3>
      <p>{t(words.why)}</p>
      <div class="dialog-buttons">
        <button type="button" class="button" ref={cancelRef} onClick={onCancel}>
          {t("Cancel")}
        </button>
        <Button kind="danger" disabled={pending} busy={pending} onClick={onConfirm}>
          {t(words.heading, { name: run.vmName })}
        </Button>
      </div>
    </section>
  );
}
