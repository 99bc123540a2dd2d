// What ACME keeps in the app store: the admin's settings, the last certificate an order got and
// how the last order went, one settings document (lib/store_settings.ts).

import type { Store } from "../store.ts";
import { readSetting, writeSetting } from "../store_settings.ts";
import type { AcmeCertificate, AcmeInfo, AcmeSettings } from "../../shared/acme.ts";

const KEY = "acme";

export interface AcmeRecord {
  settings: AcmeSettings | null;
  certificate: AcmeCertificate | null;
  lastOrder: AcmeInfo["lastOrder"];
}

const NONE: AcmeRecord = { settings: null, certificate: null, lastOrder: null };

export const readAcme = (store: Store): AcmeRecord => ({
  ...NONE,
  ...readSetting(store, KEY, NONE),
});

export function writeAcme(store: Store, change: Partial<AcmeRecord>): AcmeRecord {
  const next = { ...readAcme(store), ...change };
  writeSetting(store, KEY, next);
  return next;
}
