// A download's progress in words for its task: bytes so far (of the whole when known), the rate
// over the last few seconds, and the time left at that rate. Said at most once a second.

import { formatBytes } from "../../shared/format.ts";
import { t } from "../../shared/i18n/t.ts";

const EVERY_MS = 1000;
/** The rate is the average over about this long, so a pause or burst does not swing it. */
const WINDOW_MS = 5000;

/** Whole seconds as "45 s", "3 min 5 s", "2 h 10 min". */
export function timeText(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t("{{s}} s", { s: String(s) });
  if (s < 3600) return t("{{m}} min {{s}} s", { m: String(Math.floor(s / 60)), s: String(s % 60) });
  return t("{{h}} h {{m}} min", {
    h: String(Math.floor(s / 3600)),
    m: String(Math.floor(s / 60) % 60),
  });
}

/** Calls `say` with the words for `received` bytes, at most once a second. */
export function progressNotes(
  size: number | null,
  say: (words: string) => void,
  now: () => number = Date.now,
): (received: number) => void {
  const samples: [number, number][] = [[now(), 0]];
  let lastSaid = 0;
  return (received) => {
    const at = now();
    if (at - lastSaid < EVERY_MS) return;
    lastSaid = at;
    samples.push([at, received]);
    while (samples.length > 2 && at - samples[1][0] >= WINDOW_MS) samples.shift();
    const [since, from] = samples[0];
    const rate = at > since ? (received - from) / ((at - since) / 1000) : 0;
    const rateText = t("{{rate}}/s", { rate: formatBytes(rate) });
    if (size === null) {
      say(t("{{received}}, {{rate}}", { received: formatBytes(received), rate: rateText }));
      return;
    }
    say(t("{{received}} of {{size}}, {{rate}}, {{left}} left", {
      received: formatBytes(received),
      size: formatBytes(size),
      rate: rateText,
      left: rate > 0 ? timeText((size - received) / rate) : "—",
    }));
  };
}
