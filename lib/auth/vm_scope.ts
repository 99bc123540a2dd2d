// The "vms" column: "*" or a list of VM UUIDs, stored as JSON.

import { UUID } from "../../ffi/libvirt/find_domain.ts";
import { AppError } from "../errors.ts";

export function encodeVms(vms: "*" | string[]): string {
  return JSON.stringify(vms);
}

export function decodeVms(json: string): "*" | string[] {
  const v = JSON.parse(json);
  return v === "*" ? "*" : (v as string[]);
}

/** Checks a request's `vms` field: "*" or an array of VM UUIDs (at most 1000). */
export function parseVms(input: unknown, field = "vms"): "*" | string[] {
  if (input === undefined || input === "*") return "*";
  if (
    !Array.isArray(input) || input.length > 1000 ||
    !input.every((id) => typeof id === "string" && UUID.test(id))
  ) {
    throw new AppError("INVALID_INPUT", `${field} must be "*" or a list of VM UUIDs`);
  }
  return [...new Set(input.map((id: string) => id.toLowerCase()))];
}

/** True when `vms` allows the VM with this UUID. */
export function allowsVm(vms: "*" | string[], uuid: string): boolean {
  return vms === "*" || vms.includes(uuid.toLowerCase());
}
