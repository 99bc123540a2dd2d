// What downloads may reach beyond public addresses (a local mirror's address), local mirrors
// (a distribution's URL prefix fetched from another), and the largest download. Admins only.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { Card } from "../../components/kit/Card.tsx";
import { TextAreaField, TextField } from "../../components/kit/controls.tsx";
import { SaveButtons, useAction } from "../../components/kit/use_action.tsx";
import { t } from "../../shared/i18n/t.ts";
import { getImageSettings, saveImageSettings } from "./api.ts";
import { bytesOfGib, gibOf, linesOf, mirrorsOf, mirrorsText } from "./settings_text.ts";
import { errorMessage } from "../../components/client/api.ts";
import { bindSignal } from "../../components/kit/bind_signal.ts";

export function ImageSettingsCard() {
  const sources = useSignal("");
  const mirrors = useSignal("");
  const capGib = useSignal("");
  const loaded = useSignal(false);
  const loadError = useSignal<string | null>(null);
  const action = useAction();

  useEffect(() => {
    getImageSettings().then((s) => {
      sources.value = s.allowedSources.join("\n");
      mirrors.value = mirrorsText(s.mirrors);
      capGib.value = String(gibOf(s.maxDownloadBytes));
      loaded.value = true;
    }, (err) => loadError.value = errorMessage(err));
  }, []);

  const save = (e: Event) => {
    e.preventDefault();
    action.run(async () => {
      const saved = await saveImageSettings({
        allowedSources: linesOf(sources.value),
        mirrors: mirrorsOf(mirrors.value),
        maxDownloadBytes: bytesOfGib(Number(capGib.value)),
      });
      sources.value = saved.allowedSources.join("\n");
      mirrors.value = mirrorsText(saved.mirrors);
      return t("Saved.");
    });
  };

  return (
    <Card
      id="image-settings"
      title={t("Outbound connections: allowed networks and mirrors")}
      class="needs-admin"
    >
      {loadError.value && <p class="note note-error" role="alert">{loadError.value}</p>}
      <form onSubmit={save} aria-label={t("Download settings")}>
        <fieldset class="subfieldset-plain" disabled={!loaded.value || action.busy.value}>
          <TextAreaField
            id="image-sources"
            label={t("Allowed networks")}
            hint={t(
              "Loopback, private and link-local addresses are refused to every outbound connection: image downloads, notification webhooks and mail servers, restic repositories. List here the addresses or networks they may reach all the same (your own mirror, mail server or NAS), one per line: 192.168.1.20, 10.0.0.0/8, fd00::/8.",
            )}
            rows={3}
            {...bindSignal(sources)}
          />
          <TextAreaField
            id="image-mirrors"
            label={t("Mirrors")}
            hint={t(
              "One per line: a URL prefix, a space, the prefix to fetch from instead (e.g. https://cloud.debian.org/ http://mirror.lan/debian-cloud/). The library's images and their checksum files go through them.",
            )}
            rows={3}
            {...bindSignal(mirrors)}
          />
          <TextField
            id="image-cap"
            label={t("Largest download (GiB)")}
            type="number"
            min="0.001"
            step="any"
            required
            {...bindSignal(capGib)}
          />
        </fieldset>
        <SaveButtons action={action} disabled={!loaded.value} adminOnly />
      </form>
    </Card>
  );
}
