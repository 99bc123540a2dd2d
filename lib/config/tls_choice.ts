// Choosing the TLS mode from flags, environment and file: each source says nothing or one mode,
// the first that speaks wins, and plain HTTP is refused off loopback. The certificate itself is
// made and read in lib/tls.ts; this is only the choice.

import { isLoopback } from "./listen.ts";
import { ConfigError } from "./values.ts";

export type TlsConfig =
  /** A self-signed certificate made in `${dataDir}/tls/` on first start. */
  | { mode: "auto" }
  /** `--tls-cert` / `--tls-key`. */
  | { mode: "files"; certFile: string; keyFile: string }
  /** `--no-tls`: plain HTTP, allowed only on a loopback address. */
  | { mode: "off" };

export const DEFAULT_TLS: TlsConfig = { mode: "auto" };

/** What one source said about TLS, and the name of the setting that said it. */
export type TlsLayer = { tls: TlsConfig; what: string } | undefined;

/** What one source (flags, environment, file) says about TLS: nothing, or one mode. */
export function tlsLayer({ off, on, cert, key, names: [offName, certName, keyName] }: {
  off?: boolean;
  on?: boolean;
  cert?: string;
  key?: string;
  names: [string, string, string];
}): TlsLayer {
  if (off && (cert || key)) {
    throw new ConfigError(
      `${offName} contradicts ${cert ? certName : keyName}: give one or the other`,
    );
  }
  if (off) return { tls: { mode: "off" }, what: offName };
  if (cert && !key) {
    throw new ConfigError(`${certName} needs ${keyName} too (give both or neither)`);
  }
  if (key && !cert) {
    throw new ConfigError(`${keyName} needs ${certName} too (give both or neither)`);
  }
  if (cert && key) return { tls: { mode: "files", certFile: cert, keyFile: key }, what: certName };
  if (on) return { tls: { mode: "auto" }, what: offName };
  return undefined;
}

/** The first layer that says anything, else DEFAULT_TLS; "off" only on a loopback address. */
export function resolveTls({ listen, layers }: {
  listen: { hostname: string };
  layers: TlsLayer[];
}): TlsConfig {
  const chosen = layers.find((layer) => layer !== undefined);
  if (chosen?.tls.mode === "off" && !isLoopback(listen.hostname)) {
    throw new ConfigError(
      `${chosen.what} is refused when listening on ${listen.hostname}: passwords and session ` +
        `cookies would cross the network in clear. Keep TLS (the default), or listen on 127.0.0.1.`,
    );
  }
  return chosen?.tls ?? DEFAULT_TLS;
}
