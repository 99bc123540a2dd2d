// The whole domain XML: read, edit, save (libvirt validates it and its error is shown as is),
// download. Loaded the first time the section is opened.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { getXml, putXml, xmlDownloadUrl } from "./api.ts";
import { OutcomeNote, useAction } from "./Outcome.tsx";
import { Button } from "../../components/kit/Button.tsx";
import { SubmitButton } from "../../components/kit/SubmitButton.tsx";
import { isRunning, type PanelProps } from "./panel.ts";
import { XmlText } from "./XmlText.tsx";
import { t } from "../../shared/i18n/t.ts";

export function XmlEditor({ vm, ready, refresh }: PanelProps) {
  const xml = useSignal<string | null>(null);
  // The text as last read from the server: while the editor still shows it, there are no edits.
  const loaded = useSignal<string | null>(null);
  const action = useAction();
  const busy = !ready || action.busy.value;

  const load = async () => {
    xml.value = loaded.value = await getXml(vm.id);
  };
  const reload = () =>
    action.run(async () => {
      await load();
      return null;
    });
  // Another panel changed the VM: follow it, unless the user has edits of their own.
  useEffect(() => {
    if (loaded.value !== null && xml.value === loaded.value) load().catch(() => {});
  }, [JSON.stringify(vm)]);
  const save = (e: Event) => {
    e.preventDefault();
    const text = xml.value ?? "";
    action.run(async () => {
      await putXml(vm.id, text);
      // libvirt rewrites the document (defaults, ordering): show what it stored.
      await load();
      await refresh();
      // A defined XML replaces the persistent definition only; a live guest keeps its own.
      return isRunning(vm) ? t("XML saved: applies at next boot.") : t("XML saved.");
    });
  };

  return (
    <section class="card" aria-labelledby="xml-title">
      <details
        class="xml-editor"
        onToggle={(e) =>
          (e.currentTarget as HTMLDetailsElement).open && xml.value === null &&
          reload()}
      >
        <summary>
          <h2 id="xml-title">{t("Domain XML")}</h2>
        </summary>
        <form onSubmit={save}>
          <p class="form-hint">
            {t(
              "The persistent definition. Name and UUID must stay; libvirt checks the document when you save.",
            )}
          </p>
          <XmlText
            label={t("Domain XML")}
            rows={24}
            value={xml.value ?? ""}
            placeholder={xml.value === null ? t("Loading…") : undefined}
            disabled={xml.value === null}
            onValue={(v) => xml.value = v}
          />
          <div class="form-buttons">
            <a class="button" href={xmlDownloadUrl(vm.id)} download={`${vm.name}.xml`}>
              {t("Download")}
            </a>
            <Button disabled={busy} onClick={reload}>{t("Reload")}</Button>
            <SubmitButton busy={action.busy.value} disabled={busy || xml.value === null}>
              {t("Save XML")}
            </SubmitButton>
          </div>
          <OutcomeNote outcome={action.outcome.value} />
        </form>
      </details>
    </section>
  );
}
