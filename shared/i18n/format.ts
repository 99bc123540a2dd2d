// Numbers, dates and times in the language of the page (the browser) or of the request (the
// server), through Intl: "1,5" and "22.11.2026, 14:03:07" in German, "1.5" and "11/22/2026,
// 2:03:07 PM" in English. Formatters are made once per language and options.

import { currentLanguage } from "./t.ts";

type Moment = number | string | Date;

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

function cached<F, O>(cache: Map<string, F>, make: (lang: string, o?: O) => F, options?: O): F {
  const lang = currentLanguage();
  const id = `${lang}|${JSON.stringify(options ?? {})}`;
  let format = cache.get(id);
  if (!format) cache.set(id, format = make(lang, options));
  return format;
}

/** 1234.5 → "1,234.5" / "1.234,5". */
export function formatNumber(n: number, options?: Intl.NumberFormatOptions): string {
  return cached(numberFormats, (l, o) => new Intl.NumberFormat(l, o), options).format(n);
}

const asDate = (at: Moment) => at instanceof Date ? at : new Date(at);

/** A moment as date and time (medium date, medium time unless `options` say otherwise). */
export function formatDateTime(
  at: Moment,
  options: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "medium" },
): string {
  return cached(dateFormats, (l, o) => new Intl.DateTimeFormat(l, o), options).format(asDate(at));
}

/** A moment's date alone. */
export const formatDate = (at: Moment, style: "short" | "medium" | "long" = "medium") =>
  formatDateTime(at, { dateStyle: style });

/** A moment's time of day alone. */
export const formatTime = (at: Moment, style: "short" | "medium" = "medium") =>
  formatDateTime(at, { timeStyle: style });

/** -90 seconds → "1 minute ago" / "vor 1 Minute"; `numeric: "auto"` says "now", "yesterday". */
export function formatRelative(
  value: number,
  unit: Intl.RelativeTimeFormatUnit,
  options: Intl.RelativeTimeFormatOptions = { numeric: "auto", style: "short" },
): string {
  return cached(relativeFormats, (l, o) => new Intl.RelativeTimeFormat(l, o), options)
    .format(value, unit);
}

const unit = (n: number, unit: "day" | "hour" | "minute") =>
  formatNumber(n, { style: "unit", unit, unitDisplay: "narrow" });

/**
 * How long something has been up, to the minute, in the two largest units: "3d 4h", "5h 12m",
 * "12m", "< 1m" ("3 T 4 Std." in German: Intl's narrow unit words).
 */
export function formatUptime(seconds: number): string {
  const minutes = Math.floor(Math.max(0, seconds) / 60);
  if (minutes < 1) return `< ${unit(1, "minute")}`;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor(minutes / 60) % 24;
  if (days) return hours ? `${unit(days, "day")} ${unit(hours, "hour")}` : unit(days, "day");
  if (hours) {
    return minutes % 60
      ? `${unit(hours, "hour")} ${unit(minutes % 60, "minute")}`
      : unit(hours, "hour");
  }
  return unit(minutes, "minute");
}
