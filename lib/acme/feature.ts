// The server's certificate from an ACME CA as an app-wide feature (lib/feature.ts): one service
// for the server, made on the first request or at start when a certificate it got is to be
// renewed. main.ts gives it the listener's certificate swap once the server listens.

import type { FeatureParts } from "../context.ts";
import { DEFAULT_TLS } from "../config.ts";
import { feature } from "../feature.ts";
import { tKey } from "../../shared/i18n/t.ts";
import { DEFAULT_HOOK_DIR } from "./dns_hook.ts";
import { readAcme } from "./records.ts";
import { AcmeService } from "./service.ts";

export const acmeFeature = feature({
  name: "acme",
  scope: "app",
  make: ({ store, config }: FeatureParts) => {
    const acme = new AcmeService({
      store,
      dataDir: config.dataDir,
      hostname: config.listen.hostname,
      tlsMode: (config.tls ?? DEFAULT_TLS).mode,
      hookDir: config.acmeHooks ?? DEFAULT_HOOK_DIR,
      log: (message) => console.error(message),
    });
    return {
      services: acme,
      background: [{ name: "certificate renewal", start: () => acme.start(), stop() {} }],
      close: () => acme.close(),
    };
  },
  startsOn: ({ store }) => {
    const { settings, certificate } = readAcme(store);
    return settings !== null && certificate !== null;
  },
  titles: {
    "acme.put": tKey("Set up ACME certificate"),
    "acme.delete": tKey("Turn off ACME certificate"),
    "acme.order": tKey("Order certificate"),
  },
});
