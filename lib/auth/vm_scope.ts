// The "vms" column: "*" or a list of VM UUIDs, stored as JSON, and as requests give it.

import { z } from "zod";
import { UUID } from "../../ffi/libvirt/find_domain.ts";
import { validated } from "../validate.ts";
import { t } from "../../shared/i18n/t.ts";

export function encodeVms(vms: "*" | string[]): string {
  return JSON.stringify(vms);
}

export function decodeVms(json: string): "*" | string[] {
  const v = JSON.parse(json);
  return v === "*" ? "*" : (v as string[]);
}

const SCOPE = () => t('vms must be "*" or a list of VM UUIDs');

/**
 * A request's `vms` field: "*" (left out: the same) or a list of at most 1000 VM UUIDs, in any
 * case. Every problem in the same words (a union names the option that came closest otherwise).
 */
export const VmScope = z.union([
  z.literal("*", { error: SCOPE }),
  z.array(
    z.string({ error: SCOPE }).refine((id) => UUID.test(id), { error: SCOPE }).meta({
      description: "A VM UUID",
    }),
    { error: SCOPE },
  ).max(1000, { error: SCOPE }),
], { error: SCOPE }).optional().meta({
  description: 'The VMs an operator may act on: "*" (the default) or a list of VM UUIDs',
});

/** Checks a request's `vms` field (400 INVALID_INPUT): "*", or the UUIDs lower-cased, once each. */
export function parseVms(input: unknown): "*" | string[] {
  const vms = validated(VmScope, input, { code: "INVALID_INPUT" });
  if (vms === undefined || vms === "*") return "*";
  return [...new Set(vms.map((id) => id.toLowerCase()))];
}

/** True when `vms` allows the VM with this UUID. */
export function allowsVm(vms: "*" | string[], uuid: string): boolean {
  return vms === "*" || vms.includes(uuid.toLowerCase());
}
