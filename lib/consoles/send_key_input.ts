// POST /api/vms/:id/send-key's body: 1 to MAX_KEYS_AT_ONCE key names from shared/console_keys.ts,
// none twice, pressed together. Refused in words that name the problem.

import { z } from "zod";
import { closedObject } from "../validate.ts";
import { KEY_CODES, MAX_KEYS_AT_ONCE } from "../../shared/console_keys.ts";
import { t } from "../../shared/i18n/t.ts";

const KEYS_WORDS = () =>
  t('keys must be a list of 1 to {{max}} key names, such as ["ctrl", "alt", "delete"]', {
    max: MAX_KEYS_AT_ONCE,
  });

export const SendKeyBody = closedObject({
  keys: z.array(z.string().max(20), { error: KEYS_WORDS }).min(1, { error: KEYS_WORDS })
    .max(MAX_KEYS_AT_ONCE, { error: KEYS_WORDS })
    .superRefine((keys, ctx) => {
      const unknown = keys.find((key) => !Object.hasOwn(KEY_CODES, key));
      if (unknown !== undefined) {
        ctx.addIssue({ code: "custom", message: t('Unknown key "{{key}}"', { key: unknown }) });
      } else if (new Set(keys).size !== keys.length) {
        ctx.addIssue({ code: "custom", message: t("A key is named twice") });
      }
    }),
}, { code: "BAD_REQUEST" });

/** The Linux key codes of checked key names. */
export function keyCodes(keys: readonly string[]): number[] {
  return keys.map((key) => KEY_CODES[key]);
}
