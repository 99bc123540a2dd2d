// How the client prints: aligned tables and "Key: value" blocks for people, the API's JSON as is
// for scripts (--json), and errors as `kvm-manager: message (CODE)` or the API's error JSON.

import type { CliError } from "./errors.ts";
import { binaryScaled } from "../shared/format.ts";

const encoder = new TextEncoder();

/** Writes text to stdout as is. */
export function out(text: string): void {
  writeAll(Deno.stdout, text);
}

/** Writes text to stderr as is. */
export function err(text: string): void {
  writeAll(Deno.stderr, text);
}

function writeAll(file: { writeSync(p: Uint8Array): number }, text: string) {
  let bytes = encoder.encode(text);
  while (bytes.length) bytes = bytes.subarray(file.writeSync(bytes));
}

/** The API's answer for --json: its text unchanged, one line. */
export function printJson(text: string): void {
  out(text.endsWith("\n") ? text : `${text}\n`);
}

/** Columns padded to their widest cell, two spaces apart; the last is not padded. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => i === cells.length - 1 ? c : c.padEnd(widths[i])).join("  ").trimEnd();
  return [headers, ...rows].map(line).join("\n") + "\n";
}

/** `Key: value` lines with the values aligned; pairs with a null value are left out. */
export function fields(pairs: [string, string | null][]): string {
  const shown = pairs.filter((p): p is [string, string] => p[1] !== null);
  const width = Math.max(...shown.map(([k]) => k.length + 1));
  return shown.map(([k, v]) => `${`${k}:`.padEnd(width)}  ${v}`).join("\n") + "\n";
}

/** Memory in MiB as people read it: "512 MiB", "4 GiB", "1.5 GiB". */
export function memory(mb: number): string {
  if (mb < 1024) return `${mb} MiB`;
  const gib = mb / 1024;
  return `${Number.isInteger(gib) ? gib : gib.toFixed(1)} GiB`;
}

/** A byte count in binary units, or "-" when unknown. */
export function size(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return "-";
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  const { value, unit } = binaryScaled(bytes, units.length);
  return `${unit === 0 || Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}

/** Prints a failure on stderr: the API's JSON with --json, else the message, code and details. */
export function reportError(error: CliError, json: boolean): void {
  if (json) {
    err(`${JSON.stringify(error.toJson())}\n`);
    return;
  }
  let text = `kvm-manager: ${error.message} (${error.code})\n`;
  // Validation answers list every field's problem; the message is only the first.
  const issues = error.body?.errors;
  if (Array.isArray(issues) && issues.length > 1) {
    for (const issue of issues as { field?: string; message?: string }[]) {
      text += `  ${issue.field ? `${issue.field}: ` : ""}${issue.message}\n`;
    }
  }
  err(text);
}
