// What the API token and role assignment routes answer (routes/api/access.ts).

import { z } from "zod";
import type {
  ApiTokenInfo as TokenInfo,
  Assignment as AssignmentType,
} from "../../../shared/auth.ts";
import { describes } from "./describes.ts";
import { Role, VmScope } from "./auth.ts";

const ISO = { description: "ISO 8601" };

/** An API token as listed: never its secret. */
export const ApiTokenInfo = describes<TokenInfo>()(
  z.object({
    id: z.string(),
    name: z.string(),
    owner: z.string().meta({ description: "The host account that made it" }),
    role: Role,
    effectiveRole: Role.nullable().optional().meta({
      description: "Only in the token list: the role it acts with now, the lower of role and " +
        "its owner's current one; null when the owner may no longer sign in (it is refused)",
    }),
    vms: VmScope,
    createdAt: z.string().meta(ISO),
    lastUsedAt: z.string().nullable().meta(ISO),
    revokedAt: z.string().nullable().meta(ISO),
    expiresAt: z.string().nullable().meta({
      description: "ISO 8601: when it stops working by itself; null: never",
    }),
    oldSecretUntil: z.string().nullable().meta({
      description: "ISO 8601: until when the secret before its last rotation is still " +
        "accepted; null when none is",
    }),
  }).meta({ id: "ApiTokenInfo" }),
);

export const ApiTokenList = z.object({
  tokens: z.array(ApiTokenInfo).meta({
    description: "Newest first, revoked and expired ones included",
  }),
}).meta({ id: "ApiTokenList" });

/** A token just made or rotated, with its new secret. */
export const ApiTokenCreated = z.object({
  token: ApiTokenInfo,
  secret: z.string().meta({
    description: "The bearer secret (kvmm_<id>_<random>): in this answer only, never again",
  }),
}).meta({ id: "ApiTokenCreated" });

export const ApiTokenRevoked = z.object({ token: ApiTokenInfo }).meta({ id: "ApiTokenRevoked" });

/** An account's role given on the access page. */
export const RoleAssignment = describes<AssignmentType>()(
  z.object({
    user: z.string().meta({ description: "Host account name" }),
    role: Role,
    vms: VmScope,
    updatedAt: z.string().meta(ISO),
    updatedBy: z.string().meta({ description: "The admin who assigned it" }),
  }).meta({ id: "RoleAssignment" }),
);

/** `GET /api/users`. */
export const UsersOverview = z.object({
  assignments: z.array(
    RoleAssignment.extend({
      sessions: z.number().int().meta({ description: "Live sessions of the account" }),
    }),
  ),
  sessions: z.record(z.string(), z.number().int()).meta({
    description: "Live sessions by account name, assigned or not",
  }),
  groups: z.object({
    admin: z.array(z.string()),
    operator: z.array(z.string()),
    viewer: z.array(z.string()),
  }).meta({ description: "The host groups that give each role (the server's auth settings)" }),
}).meta({ id: "UsersOverview" });
