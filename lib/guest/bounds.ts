// What a guest says, bounded before it is kept or shown. A guest is not ours: its agent (QEMU's,
// or ours in a guest someone else runs) may report a hundred thousand interfaces or names ten
// megabytes long, and whatever passes here reaches every viewer's VM list and pages. Each list is
// cut at a count no real guest nears, each string at a length no real name needs, and what was
// cut is said (GuestInfo.cut), so the page shows the truth: the guest said more than is shown.

import { t, tKey } from "../../shared/i18n/t.ts";

export const BOUNDS = {
  /** Network interfaces of one guest (a host with many containers has dozens). */
  interfaces: 64,
  /** Addresses of one interface. */
  addresses: 32,
  /** Addresses of one VM in the VM list. */
  listedAddresses: 16,
  filesystems: 64,
  /** Logged-in sessions and processes on the activity tab. */
  sessions: 100,
  processes: 200,
  /** systemd services (the agent's own MAX_SERVICES) and pending updates. */
  services: 2000,
  updates: 1000,
  /** A name: an interface, a device, a mount point, a package, a user. */
  name: 256,
  /** An address, a MAC, a version, a state. */
  short: 64,
  /** A description, an OS name, a host name, a command line. */
  text: 512,
  /** A command's output or an error's, in characters. */
  output: 1024 * 1024,
} as const;

/** `value` cut to `max` characters; "" for anything that is not a string. */
export function clip(value: unknown, max: number = BOUNDS.text): string {
  if (typeof value !== "string") return "";
  return value.length > max ? value.slice(0, max) : value;
}

/** As clip, keeping null (and "" as null) for figures the guest may not have. */
export function clipOrNull(value: unknown, max: number = BOUNDS.text): string | null {
  return typeof value === "string" && value ? clip(value, max) : null;
}

/** A finite number, else null. */
export const finite = (value: unknown): number | null =>
  typeof value === "number" && Number.isFinite(value) ? value : null;

/**
 * The first BOUNDS[kind] entries of `list` (a non-list is empty). When it held more, `cut` gets
 * CUT[kind] in the request's language: the bound and its words are looked up by the same name.
 */
export function firstOf<T>(list: unknown, kind: Held, cut: string[]): T[] {
  if (!Array.isArray(list)) return [];
  const max = BOUNDS[kind];
  if (list.length > max) cut.push(t(CUT[kind], { count: list.length, max }));
  // Entries the converters read fields of: a null or a number in their place is left out.
  return list.slice(0, max).filter((e) => typeof e === "object" && e !== null) as T[];
}

/** firstOf for a list of strings (a policy's directories): non-strings left out, each clipped. */
export function stringsOf(list: unknown, max: number, chars: number = BOUNDS.name): string[] {
  if (!Array.isArray(list)) return [];
  return list.slice(0, max).filter((e) => typeof e === "string").map((e) => clip(e, chars));
}

/** A count the guest claims (QEMU's "fs.count"), held to BOUNDS[kind], with the same telling. */
export function countOf(value: unknown, kind: Held, cut: string[]): number {
  const count = finite(value);
  const max = BOUNDS[kind];
  if (count === null || count < 0) return 0;
  if (count > max) cut.push(t(CUT[kind], { count, max }));
  return Math.min(Math.floor(count), max);
}

export const CUT = {
  interfaces: tKey("The guest reported {{count}} network interfaces; the first {{max}} are kept"),
  addresses: tKey(
    "An interface of the guest reported {{count}} addresses; the first {{max}} are kept",
  ),
  filesystems: tKey("The guest reported {{count}} filesystems; the first {{max}} are kept"),
  sessions: tKey("The guest reported {{count}} sessions; the first {{max}} are kept"),
  processes: tKey("The guest reported {{count}} processes; the first {{max}} are kept"),
  services: tKey("The guest reported {{count}} services; the first {{max}} are kept"),
  updates: tKey("The guest reported {{count}} updates; the first {{max}} are kept"),
};

/** The lists held to a bound and told of when cut: each a key of both BOUNDS and CUT. */
export type Held = keyof typeof CUT;
