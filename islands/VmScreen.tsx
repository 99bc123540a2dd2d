// The Screen card of /vms/:id: what the running VM's display shows, as a small image refreshed
// every 10 seconds while the page is in view, and a way into its console. Only for callers who
// may open the console (the image is the console's); nothing is asked while the tab is hidden or
// the VM is off, so a screen nobody looks at costs nothing.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { AppEvent } from "../shared/events.ts";
import type { VmState } from "../shared/vms.ts";
import { vmScreenshotPath } from "../shared/api_paths.ts";
import { ApiRequestError, errorMessage, send } from "../components/client/api.ts";
import { subscribeEvents } from "../components/client/events.ts";
import { mayPowerVm } from "../components/client/session.ts";
import { coalesce } from "../components/client/coalesce.ts";
import { t } from "../shared/i18n/t.ts";

/** As often as the server takes a new screenshot (lib/consoles/screens.ts FRESH_MS). */
const REFRESH_MS = 10_000;
const WIDTH = 480;

interface Props {
  vmId: string;
  name: string;
  state: VmState;
  [key: string]: unknown;
}

const shows = (state: VmState) => state === "running" || state === "paused";

export default function VmScreen({ vmId, name, state: initialState }: Props) {
  const state = useSignal(initialState);
  const image = useSignal<string | null>(null);
  const problem = useSignal<string | null>(null);
  const allowed = useSignal<boolean | null>(null);

  useEffect(() => {
    allowed.value = mayPowerVm(vmId);
    if (!allowed.value) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    // One read at a time: an event during a read costs one more read after it.
    const load = coalesce(async () => {
      clearTimeout(timer);
      if (stopped || !shows(state.value) || document.visibilityState !== "visible") return;
      try {
        const res = await send("GET", `${vmScreenshotPath(vmId)}?width=${WIDTH}`);
        const url = URL.createObjectURL(await res.blob());
        if (image.value) URL.revokeObjectURL(image.value);
        image.value = url;
        problem.value = null;
      } catch (err) {
        // Busy: the last image stays and the next turn tries again.
        if (!(err instanceof ApiRequestError && err.code === "SCREENSHOT_BUSY")) {
          problem.value = errorMessage(err);
        }
      }
      if (!stopped) timer = setTimeout(load, REFRESH_MS);
    });
    const onEvent = (e: AppEvent) => {
      if (e.type !== "vm-state-changed" || e.id !== vmId) return;
      state.value = e.state;
      load();
    };
    const onVisible = () => load();
    document.addEventListener("visibilitychange", onVisible);
    load();
    const unsubscribe = subscribeEvents(onEvent, load);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisible);
      unsubscribe();
      if (image.value) URL.revokeObjectURL(image.value);
    };
  }, [vmId]);

  if (allowed.value === false) return null;
  const on = shows(state.value);
  return (
    <section class="card screen-card" aria-labelledby="screen-title">
      <div class="card-head">
        <h2 id="screen-title">{t("Screen")}</h2>
        <a class="button" href={`/vms/${encodeURIComponent(vmId)}/console`}>
          {t("Open console")}
        </a>
      </div>
      {problem.value && on && <p class="notice notice-error" role="alert">{problem.value}</p>}
      <div class="screen-frame">
        {on && image.value
          ? (
            <img
              src={image.value}
              alt={t("The screen of {{name}}", { name })}
              width={WIDTH}
            />
          )
          : (
            <p class="muted">
              {on ? t("Reading the screen…") : t("The screen shows while the VM runs.")}
            </p>
          )}
      </div>
    </section>
  );
}
