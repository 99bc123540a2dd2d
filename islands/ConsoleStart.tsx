// The Start button of a stopped VM's console page (operators allowed on the VM and admins): it
// starts the VM and reloads the page, which then draws the console.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { errorMessage, runAction } from "../components/client/api.ts";
import { powerClass } from "./vms/power.ts";
import { t } from "../shared/i18n/t.ts";

interface Props {
  id: string;
  name: string;
  [key: string]: unknown;
}

export default function ConsoleStart({ id, name }: Props) {
  const hydrated = useSignal(false);
  const starting = useSignal(false);
  const error = useSignal<string | null>(null);
  useEffect(() => {
    hydrated.value = true;
  }, []);

  const start = async () => {
    starting.value = true;
    error.value = null;
    try {
      await runAction(id, "start");
      location.reload();
    } catch (err) {
      error.value = errorMessage(err);
      starting.value = false;
    }
  };

  return (
    <div class={`console-start ${powerClass(hydrated.value, id)}`}>
      <button
        type="button"
        class="button button-primary"
        disabled={!hydrated.value || starting.value}
        aria-busy={starting.value}
        aria-label={t("Start {{name}}", { name })}
        onClick={start}
      >
        {starting.value ? t("Starting…") : t("Start")}
      </button>
      {error.value && <p class="notice notice-error" role="alert">{error.value}</p>}
    </div>
  );
}
