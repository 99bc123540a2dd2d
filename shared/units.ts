// Sizes as people type and read them: "2 GiB", "2G", "1.5 GiB", "512 MiB" or a bare number in
// the field's own unit, read into that unit (memory in MiB, disks in GiB), and written back the
// same way. Binary units throughout, as libvirt counts memory in KiB and disks in bytes; "MB" and
// "GB" are read as MiB and GiB because that is what people mean when they type them here.

import { t, tKey } from "./i18n/t.ts";

export type SizeUnit = "KiB" | "MiB" | "GiB" | "TiB";

const FACTOR: Record<SizeUnit, number> = { KiB: 1, MiB: 1024, GiB: 1024 ** 2, TiB: 1024 ** 3 };

// What may follow the number, lowercased; "" is the field's own unit.
const SUFFIX: Record<string, SizeUnit> = {
  k: "KiB",
  kb: "KiB",
  kib: "KiB",
  m: "MiB",
  mb: "MiB",
  mib: "MiB",
  g: "GiB",
  gb: "GiB",
  gib: "GiB",
  t: "TiB",
  tb: "TiB",
  tib: "TiB",
};

const SIZE = /^(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)$/i;

export interface SizeRules {
  /** The unit a bare number is in, and the unit of the result. */
  unit: "MiB" | "GiB";
  /** What the field is called in messages, a key: tKey("Memory"). */
  label: string;
  /** The message for an empty field, a key with `{{example}}`: tKey("Enter the memory, e.g. …"). */
  empty: string;
  /** Sizes one may type, a key: tKey("2 GiB, 512 MiB or 2048"). */
  example: string;
  /** Bounds in `unit`, inclusive. */
  min?: number;
  max?: number;
  /**
   * The smallest step, when finer than `unit`: "MiB" lets a GiB field take 0.5 or 512 MiB (the
   * result is then a fraction of `unit`); absent, the result is a whole number of `unit`.
   */
  step?: "MiB";
}

export type ParsedSize = { ok: true; value: number } | { ok: false; message: string };

/** `value` in `unit` as a person writes it: 2048 MiB → "2 GiB", 1536 MiB → "1.5 GiB". */
export function sizeText(value: number, unit: SizeUnit): string {
  const kib = value * FACTOR[unit];
  const units = Object.keys(FACTOR) as SizeUnit[];
  // The largest unit that keeps the number at or above 1, with at most two decimals lost.
  for (const u of [...units].reverse()) {
    const n = kib / FACTOR[u];
    if (n >= 1 && Math.abs(Math.round(n * 100) / 100 - n) < 1e-9) return `${trim(n)} ${u}`;
  }
  return `${trim(value)} ${unit}`;
}

const trim = (n: number) => String(Math.round(n * 100) / 100);

/**
 * Reads what was typed into a whole number of `rules.unit`; anything else is refused with a
 * message that says what would be accepted.
 */
export function parseSize(text: string, rules: SizeRules): ParsedSize {
  const { unit } = rules;
  const label = t(rules.label);
  const example = t(rules.example);
  const typed = text.trim();
  if (typed === "") return { ok: false, message: t(rules.empty, { example }) };
  const m = SIZE.exec(typed);
  if (!m) {
    return {
      ok: false,
      message: t("{{label}} must be a size such as {{example}}", { label, example }),
    };
  }
  const given = m[2] ? SUFFIX[m[2].toLowerCase()] : unit;
  if (!given) {
    return {
      ok: false,
      message: t(
        'Unknown unit "{{typed}}": use KiB, MiB, GiB or TiB (a bare number is {{unit}})',
        { typed: m[2], unit },
      ),
    };
  }
  const step = rules.step ?? unit;
  const steps = Number(m[1]) * FACTOR[given] / FACTOR[step];
  if (!Number.isSafeInteger(Math.round(steps))) {
    return { ok: false, message: t("{{label}} is too large: {{typed}}", { label, typed }) };
  }
  if (!Number.isInteger(Math.round(steps * 1e6) / 1e6)) {
    return {
      ok: false,
      message: t("{{label}} must be a whole number of {{unit}}: {{typed}} is {{size}}", {
        label,
        unit: step,
        typed,
        size: `${Math.round(steps * 100) / 100} ${step}`,
      }),
    };
  }
  const whole = Math.round(steps) * FACTOR[step] / FACTOR[unit];
  if (rules.min !== undefined && whole < rules.min) {
    return {
      ok: false,
      message: t("{{label}} must be at least {{size}}", { label, size: sizeText(rules.min, unit) }),
    };
  }
  if (rules.max !== undefined && whole > rules.max) {
    return {
      ok: false,
      message: t("{{label}} must be at most {{size}}", { label, size: sizeText(rules.max, unit) }),
    };
  }
  return { ok: true, value: whole };
}

/** The rules of the create config's two sizes, shared by the wizard and the template forms. */
export const MEMORY_SIZE: SizeRules = {
  unit: "MiB",
  label: tKey("Memory"),
  empty: tKey("Enter the memory, e.g. {{example}}"),
  example: tKey("2 GiB, 512 MiB or 2048"),
};
export const DISK_SIZE: SizeRules = {
  unit: "GiB",
  label: tKey("Disk size"),
  empty: tKey("Enter the disk size, e.g. {{example}}"),
  example: tKey("20 GiB, 1 TiB or 20"),
};
