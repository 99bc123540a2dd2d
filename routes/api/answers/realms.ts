// What the sign-in realm routes answer (routes/api/realms.ts).

import { z } from "zod";
import type {
  LdapRealmConfig as ConfigType,
  OidcRealmConfig as OidcConfigType,
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

const OidcRealmConfig = describes<OidcConfigType>()(
  z.object({
    issuer: z.string(),
    clientId: z.string(),
    scopes: z.array(z.string()),
    usernameClaim: z.string(),
    groupsClaim: z.string(),
    roleMap: z.array(z.object({ group: z.string(), role: Role })),
    providerSecondFactor: z.boolean(),
    timeoutSeconds: z.number().int(),
  }).meta({ id: "OidcRealmConfig" }),
);

const common = {
  name: z.string(),
  label: z.string(),
  updatedAt: z.string().meta({ description: "ISO 8601" }),
  updatedBy: z.string(),
};

export const RealmInfo = describes<RealmType>()(
  z.discriminatedUnion("kind", [
    z.object({
      ...common,
      kind: z.literal("ldap"),
      config: LdapRealmConfig,
      hasBindPassword: z.boolean().meta({ description: "The bind password is write-only" }),
    }),
    z.object({
      ...common,
      kind: z.literal("oidc"),
      config: OidcRealmConfig,
      hasClientSecret: z.boolean().meta({ description: "The client secret is write-only" }),
    }),
  ]).meta({ id: "RealmInfo" }),
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
