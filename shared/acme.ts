// The server's certificate from an ACME CA (Let's Encrypt, ZeroSSL, an internal step-ca): the wire
// shapes of /api/acme and the Settings page's Certificate card; browser-safe.

/** Where the well-known public CAs keep their ACME directory, offered by the form. */
export const ACME_DIRECTORIES = [
  { name: "Let's Encrypt", url: "https://acme-v02.api.letsencrypt.org/directory" },
  {
    name: "Let's Encrypt (staging)",
    url: "https://acme-staging-v02.api.letsencrypt.org/directory",
  },
] as const;

/** How the CA checks that this server answers for its names. */
export type AcmeChallenge =
  /** The CA fetches http://NAME:port/.well-known/acme-challenge/…; answered only while ordering. */
  | { type: "http-01"; port: number }
  /** A TXT record _acme-challenge.NAME, set and removed by an admin's hook script. */
  | { type: "dns-01"; hook: string; waitSeconds: number };

/** What the admin sets. */
export interface AcmeSettings {
  directoryUrl: string;
  /** The CA writes here before a certificate expires; null: no address given. */
  email: string | null;
  /** The names the certificate is for; the first is its common name. */
  domains: string[];
  challenge: AcmeChallenge;
  /** A PEM file of the CA(s) that signed the ACME server's own HTTPS certificate; null: the system's. */
  caFile: string | null;
  /** Renew when fewer days than this are left (or a third of the lifetime, if less). */
  renewDays: number;
}

/** A certificate this server was issued. */
export interface AcmeCertificate {
  domains: string[];
  issuer: string;
  notBefore: string;
  notAfter: string;
  /** SHA-256 of the certificate, "AB:CD:…", as the server prints at start. */
  fingerprint: string;
}

/** GET /api/acme. */
export interface AcmeInfo {
  /** null: not set up; the server serves its self-signed certificate. */
  settings: AcmeSettings | null;
  /**
   * Why ACME cannot be used on this server, or null: the certificate is the admin's own file
   * (--tls-cert), or the server speaks plain HTTP (--no-tls).
   */
  unavailable: string | null;
  /** The certificate served now: its end date and fingerprint. */
  served: { notAfter: string; fingerprint: string } | null;
  /** The last certificate an order got. */
  certificate: AcmeCertificate | null;
  /** The last order: when, and what went wrong. */
  lastOrder: { at: string; ok: boolean; error: { code: string; message: string } | null } | null;
  /** When the next renewal is due; null when nothing is set up. */
  renewAt: string | null;
  /** An order runs now. */
  ordering: boolean;
  /** The DNS hooks an admin may choose: executables in the hook folder. */
  hooks: string[];
  hookDir: string;
}
