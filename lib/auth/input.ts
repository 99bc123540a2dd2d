// The bodies of sign-in, token creation and rotation, and role assignment, checked: every problem
// is 400 INVALID_INPUT in the words the forms show.

import { z } from "zod";
import type { IssueCodes } from "../validate.ts";
import { MAX_PASSWORD_BYTES } from "./pam.ts";
import { VmScope } from "./vm_scope.ts";
import { ROLES } from "../../shared/auth.ts";
import { t } from "../../shared/i18n/t.ts";

export const AUTH_CODES: IssueCodes = { code: "INVALID_INPUT" };

/** The longest user name looked at (host account names are far shorter). */
export const MAX_USER_NAME = 256;

/** Letters, digits, spaces, dots, dashes, underscores; a letter or digit first, no space last. */
export const TOKEN_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9 ._-]{0,62}[A-Za-z0-9._-])?$/;
/** The refusals below, in the request's language: each is called when a request is checked. */
export const badTokenName = () =>
  t("Token name must be 1-64 letters, digits, spaces, dots, dashes or underscores");
export const badRole = () => t("Role must be one of {{roles}}", { roles: ROLES.join(", ") });

/** The longest a token may live (ten years): a bound, not a promise that anyone should. */
export const MAX_EXPIRY_DAYS = 3650;
/** The longest an old secret may keep working after a rotation: 30 days. */
export const MAX_GRACE_SECONDS = 30 * 24 * 3600;
export const badExpiry = () =>
  t("Expiry must be a whole number of days from 1 to {{max}}, or none", { max: MAX_EXPIRY_DAYS });
export const badGrace = () =>
  t("The grace period must be a whole number of seconds from 0 to {{max}} (30 days)", {
    max: MAX_GRACE_SECONDS,
  });

const notAnObject = () => t("Body must be a JSON object");
const ROLE = z.enum(ROLES, { error: badRole });

/** The body of `POST /api/tokens`. */
export const TokenBody = z.object({
  // First, as the scope was always read before the rest.
  vms: VmScope,
  name: z.string({ error: badTokenName }).regex(TOKEN_NAME, { error: badTokenName }),
  role: ROLE,
  expiresInDays: z.number({ error: badExpiry }).int({ error: badExpiry })
    .min(1, { error: badExpiry }).max(MAX_EXPIRY_DAYS, { error: badExpiry }).nullable().optional()
    .meta({ description: "Days until the token stops working by itself; omitted or null: never" }),
}, { error: notAnObject });

/** The body of `POST /api/tokens/:id/rotate`. */
export const RotateBody = z.object({
  graceSeconds: z.number({ error: badGrace }).int({ error: badGrace })
    .min(0, { error: badGrace }).max(MAX_GRACE_SECONDS, { error: badGrace }).default(0)
    .meta({ description: "How long the old secret keeps working; 0 (the default): not at all" }),
}, { error: notAnObject });

/** The body of `PUT /api/users/:user`. */
export const AssignBody = z.object({ vms: VmScope, role: ROLE }, { error: notAnObject });

const enter = () => t("Enter a user name and a password");
const given = z.string({ error: enter }).min(1, { error: enter });

/**
 * A sign-in's user name and password. Their size is checked before anything else looks at
 * them (the limiter keys its buckets by the name), once both are given (a blank one is the first
 * problem; zod would run this refinement beside it).
 */
export const SignInBody = z.object({
  user: given,
  password: given,
  realm: z.string({ error: () => t("realm must be a realm's name") }).max(32, {
    error: () => t("realm must be a realm's name"),
  }).optional().meta({ description: "Where the account is: pam (the default) or a realm's name" }),
}, { error: enter }).refine(
  ({ user, password }) =>
    !user || !password || (user.length <= MAX_USER_NAME && password.length <= MAX_PASSWORD_BYTES),
  {
    error: () =>
      t("A user name has at most {{user}} characters and a password at most {{password}}", {
        user: MAX_USER_NAME,
        password: MAX_PASSWORD_BYTES,
      }),
  },
);
