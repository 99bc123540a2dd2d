// Import a VM from a domain XML document (pasted or read from a file); links to the new VM.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { importXml } from "./settings/api.ts";
import { XmlText } from "./settings/XmlText.tsx";
import { SaveButtons, useAction } from "../components/kit/use_action.tsx";
import { Trans } from "../components/kit/Trans.tsx";
import { t } from "../shared/i18n/t.ts";

interface Props {
  [key: string]: unknown;
}

export default function ImportXml(_: Props) {
  const xml = useSignal("");
  const hydrated = useSignal(false);
  const action = useAction();
  useEffect(() => {
    hydrated.value = true;
  }, []);

  const readFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (file) xml.value = await file.text();
  };
  const submit = (e: Event) => {
    e.preventDefault();
    action.run(async () => {
      const made = await importXml(xml.value);
      return (
        <Trans
          text={t("Imported {{vm}}.", { vm: "{{vm}}" })}
          parts={{ vm: <a href={`/vms/${encodeURIComponent(made.id)}`}>{made.name}</a> }}
        />
      );
    });
  };

  return (
    <form class="settings-form" onSubmit={submit}>
      <p class="form-hint">
        {t(
          "Defines a new VM from libvirt domain XML, e.g. one downloaded from another host. Its name and UUID must not exist yet; disks are used where the XML points.",
        )}
      </p>
      <div class="form-field">
        <label for="import-file">{t("XML file")}</label>
        <input
          id="import-file"
          type="file"
          accept=".xml,application/xml,text/xml"
          onChange={(e) => readFile(e.currentTarget)}
        />
      </div>
      <XmlText
        label={t("Domain XML to import")}
        rows={14}
        // deno-lint-ignore translate/untranslated-text -- sample XML, not words
        placeholder="<domain type='kvm'>…</domain>"
        value={xml.value}
        onValue={(v) => xml.value = v}
      />
      <SaveButtons
        action={action}
        label={t("Import VM")}
        disabled={!hydrated.value || !xml.value.trim()}
      />
    </form>
  );
}
