// A cloud-init password given in clear becomes its SHA-512 crypt hash here, on the server, before
// the config is written to a seed or kept in a template: the password itself is never stored,
// logged or sent back: the crypt(3) SHA-512 scheme ("$6$", 5,000 rounds, a random 16-character
// salt) that cloud-init's `passwd` and the guest's /etc/shadow take.

import { randomSalt, sha512Crypt } from "./sha512_crypt.ts";
import type { CloudInitConfig } from "../../shared/vms.ts";
import { given } from "../../shared/cloud_init.ts";

/** The SHA-512 crypt hash of `password`, with a fresh random salt. */
export function hashPassword(password: string): string {
  return sha512Crypt(password, randomSalt());
}

/** `config` with its cloud-init password replaced by the password's hash (unchanged without). */
export function withHashedPassword<T extends { cloudInit?: CloudInitConfig }>(config: T): T {
  const ci = config.cloudInit;
  if (!ci || !("password" in ci)) return config;
  const { password, ...rest } = ci;
  return {
    ...config,
    cloudInit: given(password) ? { ...rest, passwordHash: hashPassword(password!) } : rest,
  };
}
