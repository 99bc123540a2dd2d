// Calendar fields of an instant in a time zone, through Intl; no imports, so the islands share it.

/** Calendar fields of an instant in a zone (month 1-based, weekday 0 = Sunday). */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

/**
 * Every calendar field from the year to the second, as numbers: what zonedParts reads, and the
 * fields of Date.toLocaleString() that the monitoring pages show times with.
 */
export const NUMERIC_DATE_TIME: Intl.DateTimeFormatOptions = {
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  second: "numeric",
};

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** `ms` as calendar fields in `zone`. */
export function zonedParts(ms: number, zone: string): ZonedParts {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      ...NUMERIC_DATE_TIME,
      weekday: "short",
    });
    formatters.set(zone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(ms).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday),
  };
}

/** Two digits, zero-padded. */
export const two = (n: number) => String(n).padStart(2, "0");

/** "2026-05-01 09:00" in `zone` (seconds only when not zero). */
export function formatInZone(ms: number, zone: string): string {
  const p = zonedParts(ms, zone);
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}` +
    (p.second ? `:${two(p.second)}` : "");
}

/** "2026-05-01T09:00" in `zone`: the value of an <input type="datetime-local">. */
export function localInputValue(ms: number, zone: string): string {
  const p = zonedParts(ms, zone);
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}
