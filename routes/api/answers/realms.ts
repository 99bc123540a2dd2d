// What the sign-in realm routes answer (routes/api/realms.ts).

import { z } from "zod";
import type {
  LdapRealmConfig as ConfigType,
  Realm as RealmType,
  RealmPreview as PreviewType,
} from "../../../shared/realms.ts";
import { LDAP_SECURITY } from "../../../shared/realms.ts";
import { describes } from "./describes.ts";
import { Role } from "./auth.ts";

const LdapRealmConfig = describes<ConfigType>()(
  z.object({
    url: z.string(),
    security: z.enum(LDAP_SECURITY),
    caFile: z.string().nullable(),
    bindDn: z.string().nullable(),
    userBase: z.string(),
    userAttribute: z.string(),
    userFilter: z.string().nullable(),
    groupBase: z.string(),
    groupFilter: z.string(),
    memberAttribute: z.string(),
    groupNameAttribute: z.string(),
    roleMap: z.array(z.object({ group: z.string(), role: Role })),
    providerSecondFactor: z.boolean(),
    timeoutSeconds: z.number().int(),
  }).meta({ id: "LdapRealmConfig" }),
);

export const RealmInfo = describes<RealmType>()(
  z.object({
    name: z.string(),
    label: z.string(),
    kind: z.literal("ldap"),
    config: LdapRealmConfig,
    hasBindPassword: z.boolean().meta({ description: "The bind password is write-only" }),
    updatedAt: z.string().meta({ description: "ISO 8601" }),
    updatedBy: z.string(),
  }).meta({ id: "RealmInfo" }),
);

export const RealmList = z.object({ realms: z.array(RealmInfo) }).meta({ id: "RealmList" });

export const RealmPreviewAnswer = describes<PreviewType>()(
  z.object({
    users: z.array(z.object({
      user: z.string().meta({ description: "name@realm, as they would sign in" }),
      groups: z.array(z.string()).meta({ description: "The role map's groups they are in" }),
      role: Role.nullable(),
    })),
    truncated: z.boolean().meta({ description: "More members than a preview reads (500)" }),
  }).meta({ id: "RealmPreviewAnswer" }),
);
