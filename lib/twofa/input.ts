// The bodies of the two-factor routes, checked: every problem is 400 INVALID_INPUT in the words
// the forms show.

import { z } from "zod";
import { ROLES } from "../../shared/auth.ts";
import { isValidName, nameRule } from "../../shared/names.ts";
import { t } from "../../shared/i18n/t.ts";

const notAnObject = () => t("Body must be a JSON object");
const enterCode = () => t("Enter the code");
const code = z.string({ error: enterCode }).trim().min(1, { error: enterCode }).max(64, {
  error: enterCode,
});

/** A TOTP code or a recovery code. */
export const CodeBody = z.object({ code }, { error: notAnObject });

/** A browser's WebAuthn answer (its JSON form); @simplewebauthn/server checks the rest. */
const credential = z.looseObject({
  id: z.string().max(1024),
  rawId: z.string().max(1024),
  type: z.literal("public-key"),
  response: z.looseObject({ clientDataJSON: z.string().max(8192) }),
}, { error: () => t("The security key's answer is not readable") });

export const KeyAnswerBody = z.object({ response: credential }, { error: notAnObject });

const badKeyName = () => t("Invalid security key name: use {{rule}}", { rule: nameRule() });
/** A key's name, by the one name rule of named objects (shared/names.ts). */
export const NewKeyBody = z.object({
  name: z.string({ error: badKeyName }).refine((n) => isValidName(n), { error: badKeyName }),
  response: credential,
}, { error: notAnObject });

const badRoles = () => t("Roles must be a list of {{roles}}", { roles: ROLES.join(", ") });
export const RequiredRolesBody = z.object({
  roles: z.array(z.enum(ROLES, { error: badRoles }), { error: badRoles }).max(3),
}, { error: notAnObject });
