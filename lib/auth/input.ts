// The bodies of sign-in, token creation and role assignment, checked: every problem is 400
// INVALID_INPUT in the words the forms show.

import { z } from "zod";
import type { IssueCodes } from "../validate.ts";
import { MAX_PASSWORD_BYTES } from "./pam.ts";
import { VmScope } from "./vm_scope.ts";
import { ROLES } from "../../shared/auth.ts";

export const AUTH_CODES: IssueCodes = { code: "INVALID_INPUT" };

/** The longest user name looked at (host account names are far shorter). */
export const MAX_USER_NAME = 256;

export const TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;
export const BAD_TOKEN_NAME =
  "Token name must be 1-64 letters, digits, spaces, dots, dashes or underscores";
export const BAD_ROLE = `Role must be one of ${ROLES.join(", ")}`;

const NOT_AN_OBJECT = "Body must be a JSON object";
const ROLE = z.enum(ROLES, { error: BAD_ROLE });

/** The body of `POST /api/tokens`. */
export const TokenBody = z.object({
  // First, as the scope was always read before the rest.
  vms: VmScope,
  name: z.string({ error: BAD_TOKEN_NAME }).regex(TOKEN_NAME, { error: BAD_TOKEN_NAME }),
  role: ROLE,
}, { error: NOT_AN_OBJECT });

/** The body of `PUT /api/users/:user`. */
export const AssignBody = z.object({ vms: VmScope, role: ROLE }, { error: NOT_AN_OBJECT });

const ENTER = "Enter a user name and a password";
const given = z.string({ error: ENTER }).min(1, { error: ENTER });

/**
 * A sign-in's user name and password. Their size is checked before anything else looks at
 * them (the limiter keys its buckets by the name), once both are given (a blank one is the first
 * problem; zod would run this refinement beside it).
 */
export const SignInBody = z.object({ user: given, password: given }, { error: ENTER }).refine(
  ({ user, password }) =>
    !user || !password || (user.length <= MAX_USER_NAME && password.length <= MAX_PASSWORD_BYTES),
  {
    error:
      `A user name has at most ${MAX_USER_NAME} characters and a password at most ${MAX_PASSWORD_BYTES}`,
  },
);
