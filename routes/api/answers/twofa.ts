// What the two-factor routes answer: an account's own factors (routes/api/twofa.ts), the admins'
// policy, and the sign-in's second step (routes/api/second_step.ts).

import { z } from "zod";
import type {
  SecurityKeyInfo as KeyInfo,
  TwoFactorPolicy as Policy,
  TwoFactorStatus as Status,
} from "../../../shared/twofa.ts";
import { describes } from "./describes.ts";
import { Role, SessionOpened } from "./auth.ts";

const RecoveryCodes = z.array(z.string()).meta({ description: "Shown this once" });

export const SecurityKeyInfo = describes<KeyInfo>()(
  z.object({
    id: z.string().meta({ description: "The key's credential id" }),
    name: z.string(),
    createdAt: z.number().meta({ description: "Milliseconds since the epoch" }),
    lastUsedAt: z.number().nullable().meta({ description: "Milliseconds since the epoch" }),
  }).meta({ id: "SecurityKeyInfo" }),
);

export const TwoFactorStatus = describes<Status>()(
  z.object({
    totp: z.boolean().meta({ description: "An authenticator app is set up" }),
    keys: z.array(SecurityKeyInfo),
    recoveryLeft: z.number().int().meta({ description: "Unused recovery codes" }),
    required: z.boolean().meta({ description: "The account's role requires a second factor" }),
  }).meta({ id: "TwoFactorStatus" }),
);

/** A new TOTP seed, unconfirmed until its first code: shown this once. */
export const TotpSeed = z.object({
  secret: z.string().meta({ description: "The seed, base32" }),
  uri: z.string().meta({ description: "The otpauth:// URI" }),
  qrSvg: z.string().meta({ description: "The URI as a QR code (SVG markup)" }),
}).meta({ id: "TotpSeed" });

/** New recovery codes when the account had none, else null. */
export const RecoveryCodesIfNew = z.object({
  recoveryCodes: RecoveryCodes.nullable().meta({
    description: "New codes (shown this once) when the account had none, else null",
  }),
}).meta({ id: "TwoFactorRecoveryCodesIfNew" });

export const RecoveryCodesRenewed = z.object({ recoveryCodes: RecoveryCodes }).meta({
  id: "TwoFactorRecoveryCodes",
});

/** `POST /api/me/two-factor/keys`. */
export const SecurityKeyAdded = z.object({
  key: SecurityKeyInfo,
  recoveryCodes: RecoveryCodes.nullable().meta({
    description: "New codes (shown this once) when the account had none, else null",
  }),
}).meta({ id: "SecurityKeyAdded" });

export const TwoFactorPolicy = describes<Policy>()(
  z.object({
    requiredRoles: z.array(Role),
    accounts: z.array(z.object({
      user: z.string(),
      totp: z.boolean(),
      keys: z.number().int().meta({ description: "How many security keys" }),
      recoveryLeft: z.number().int(),
    })).meta({ description: "The accounts with a second factor" }),
  }).meta({ id: "TwoFactorPolicy" }),
);

// WebAuthn options come from @simplewebauthn/server (its PublicKeyCredential…OptionsJSON): the
// top-level fields it sends are named loosely, the rest passes as sent.
const loose = z.looseObject({});

export const KeyCreationOptions = z.looseObject({
  challenge: z.string(),
  rp: z.looseObject({ name: z.string(), id: z.string().optional() }),
  user: z.looseObject({ id: z.string(), name: z.string(), displayName: z.string() }),
  pubKeyCredParams: z.array(z.looseObject({ alg: z.number(), type: z.string() })),
  timeout: z.number().optional(),
  attestation: z.string().optional(),
  excludeCredentials: z.array(loose).optional(),
  authenticatorSelection: loose.optional(),
  extensions: loose.optional(),
  hints: z.array(z.string()).optional(),
}).meta({
  id: "WebAuthnCreationOptions",
  description: "WebAuthn PublicKeyCredentialCreationOptionsJSON as @simplewebauthn/server " +
    "makes it, for the browser's navigator.credentials.create(); described loosely: nested " +
    "fields pass as the library sends them",
});

export const KeyRequestOptions = z.looseObject({
  challenge: z.string(),
  rpId: z.string().optional(),
  allowCredentials: z.array(loose).optional(),
  timeout: z.number().optional(),
  userVerification: z.string().optional(),
  extensions: loose.optional(),
}).meta({
  id: "WebAuthnRequestOptions",
  description: "WebAuthn PublicKeyCredentialRequestOptionsJSON as @simplewebauthn/server " +
    "makes it, for the browser's navigator.credentials.get(); described loosely: nested fields " +
    "pass as the library sends them",
});

/** The second step's code or key opened the session. */
export const SecondStepVerified = SessionOpened.extend({
  method: z.enum(["totp", "recovery", "webauthn"]).meta({ description: "What proved it" }),
}).meta({ id: "SecondStepVerified" });

/** An enrolment at sign-in opened the session. */
export const SecondStepEnrolled = SessionOpened.extend({
  recoveryCodes: RecoveryCodes.nullable().meta({
    description: "New codes (shown this once); null when the account had some left",
  }),
}).meta({ id: "SecondStepEnrolled" });
