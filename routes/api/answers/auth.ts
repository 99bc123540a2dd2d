// What the sign-in routes answer (routes/api/auth.ts, and the session the second step opens,
// routes/api/second_step.ts).

import { z } from "zod";
import {
  type Identity as IdentityType,
  type Role as RoleType,
  ROLES,
} from "../../../shared/auth.ts";
import type { SecondStep as SecondStepType } from "../../../shared/twofa.ts";
import { describes } from "./describes.ts";

export const Role = describes<RoleType>()(
  z.enum(ROLES).meta({
    id: "AuthRole",
    description: "admin: everything; operator: read, plus power and console on allowed VMs; " +
      "viewer: read",
  }),
);

/** "*" or a list of VM UUIDs. */
export const VmScope = z.union([z.literal("*"), z.array(z.string())]).meta({
  description: 'The VMs an operator may power and open a console on: "*" (all) or VM UUIDs',
});

/** The signed-in account (or API token) behind a request. */
export const Identity = describes<IdentityType>()(
  z.object({
    user: z.string().meta({ description: "Host account name; for a token, its owner" }),
    role: Role,
    vms: VmScope,
    via: z.enum(["session", "token"]),
    token: z.object({
      id: z.string(),
      name: z.string(),
      oldSecret: z.literal(true).optional().meta({
        description: "The secret before the token's last rotation, in its grace period",
      }),
    }).optional().meta({
      description: "Only for via: token: which token",
    }),
    tokenRole: Role.optional().meta({
      description: "Only for via: token: the role it was made with; role is the lower of it " +
        "and its owner's current one",
    }),
  }),
);

/** `GET /api/auth/me`. */
export const AuthMe = Identity.extend({
  csrf: z.string().nullable().meta({
    description: "The session's CSRF token (sent back as X-CSRF-Token); null for an API token",
  }),
}).meta({ id: "AuthMe" });

/** A sign-in that opened a session (the session cookie is set). */
export const SessionOpened = z.object({
  user: z.string(),
  role: Role,
  vms: VmScope,
  source: z.enum(["root", "group", "assigned", "realm"]).meta({
    description:
      "Where the role comes from: root, a host group, an admin's assignment, or a realm's directory groups",
  }),
  csrf: z.string().meta({ description: "The session's CSRF token (sent back as X-CSRF-Token)" }),
}).meta({ id: "SessionOpened" });

/** A right password whose second step follows (no session yet). */
export const SecondStep = describes<SecondStepType>()(
  z.object({
    secondFactor: z.enum(["verify", "enrol"]).meta({
      description: "verify: with a code or a key; enrol: the role requires a factor the account " +
        "lacks",
    }),
    user: z.string(),
    methods: z.array(z.enum(["totp", "webauthn", "recovery"])).meta({
      description: "What the account can verify with (empty for enrol)",
    }),
  }).meta({ id: "SignInSecondStep" }),
);

/** `POST /api/auth/login`: a session, or the second step it waits for. */
export const SignInAnswer = z.union([SessionOpened, SecondStep]).meta({ id: "SignInAnswer" });

/** A sign-out: the session ended; for a user of an OpenID Connect realm, where the provider's ends. */
export const SignedOut = z.object({
  ok: z.literal(true),
  logoutUrl: z.string().optional().meta({
    description: "The provider's sign-out (RP-initiated logout), for the browser to go to next",
  }),
}).meta({ id: "SignedOut" });
