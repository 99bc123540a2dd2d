// The server's certificate from an ACME CA: the admin's settings, an order on demand, and the
// renewal before expiry, which the server serves at once (main.ts swaps its listener's
// certificate). Only the certificate kept in the data folder is managed: a server given its own
// files (--tls-cert) or speaking plain HTTP has none to renew.

import { join } from "node:path";
import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import type { Store } from "../store.ts";
import type { AcmeInfo, AcmeSettings } from "../../shared/acme.ts";
import type { AcmeBodyValue } from "./input.ts";
import { readAcme, writeAcme } from "./records.ts";
import { DnsHooks } from "./dns_hook.ts";
import { type Issued, orderCertificate } from "./order.ts";

/** A timer longer than this is set again when it fires (setTimeout's limit is 24.8 days). */
const LONGEST_WAIT_MS = 12 * 3600_000;
const MIN_RETRY_MS = 10_000;
/** The least time between two orders the timer makes (a third of a lifetime, if shorter). */
const MIN_GAP_MS = 10 * 60_000;
const MAX_RETRY_MS = 3600_000;

export interface AcmeParts {
  store: Store;
  dataDir: string;
  /** The server's listening address: the HTTP-01 listener binds the same. */
  hostname: string;
  /** The server's TLS mode: ACME manages only "auto"'s certificate. */
  tlsMode: "auto" | "files" | "off";
  hookDir: string;
  log(message: string): void;
}

/** What the server serves now, and how to serve a new pair. */
export interface Served {
  notAfter: Date;
  fingerprint: string;
}

/** Reads the pair written to the data folder back, checks it and serves it. */
export type InstallPair = () => Promise<Served>;

export class AcmeService {
  readonly hooks: DnsHooks;
  #served: Served | null = null;
  #install: InstallPair | null = null;
  #ordering: Promise<AcmeInfo> | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #renewAt: Date | null = null;
  #closed = false;

  constructor(private readonly parts: AcmeParts) {
    this.hooks = new DnsHooks(parts.hookDir);
  }

  /** Set by the server once it listens: what it serves, and how it serves another pair. */
  serving(served: Served | null, install: InstallPair): void {
    this.#served = served;
    this.#install = install;
  }

  info(): AcmeInfo {
    const record = readAcme(this.parts.store);
    return {
      settings: record.settings,
      unavailable: this.#unavailable(),
      served: this.#served
        ? { notAfter: this.#served.notAfter.toISOString(), fingerprint: this.#served.fingerprint }
        : null,
      certificate: record.certificate,
      lastOrder: record.lastOrder,
      renewAt: record.settings && this.#renewAt ? this.#renewAt.toISOString() : null,
      ordering: this.#ordering !== null,
      hooks: this.hooks.list(),
      hookDir: this.hooks.dir,
    };
  }

  /** Keeps the settings; nothing is ordered until order() (the Order button). */
  put(body: AcmeBodyValue): AcmeInfo {
    this.#available();
    if (body.challenge.type === "dns-01") this.hooks.check(body.challenge.hook);
    const { termsAgreed: _, ...settings } = body;
    writeAcme(this.parts.store, { settings });
    this.#schedule();
    return this.info();
  }

  /** Stops ordering and renewing; the certificate served stays until it is replaced. */
  remove(): AcmeInfo {
    writeAcme(this.parts.store, { settings: null });
    this.#schedule();
    return this.info();
  }

  /** Orders a certificate now and serves it; one order at a time (a second waits for the first). */
  order(): Promise<AcmeInfo> {
    this.#available();
    const { settings } = readAcme(this.parts.store);
    if (!settings) {
      throw new AppError(
        "ACME_NOT_CONFIGURED",
        t("Set the CA, the domains and the challenge before ordering a certificate"),
      );
    }
    this.#ordering ??= this.#order(settings).finally(() => {
      this.#ordering = null;
      this.#schedule();
    });
    return this.#ordering;
  }

  /** Background: renew when due. */
  start(): void {
    this.#schedule();
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    await this.#ordering?.catch(() => {});
  }

  async #order(settings: AcmeSettings): Promise<AcmeInfo> {
    const at = new Date().toISOString();
    let issued: Issued;
    try {
      issued = await orderCertificate(settings, {
        accountDir: join(this.parts.dataDir, "tls", "acme"),
        hostname: this.parts.hostname,
        hooks: this.hooks,
      });
      await this.#keep(issued);
    } catch (err) {
      const error = err instanceof AppError ? err : new AppError(
        "ACME_ERROR",
        t("The order failed: {{reason}}", {
          reason: (err as Error).message,
        }),
      );
      writeAcme(this.parts.store, {
        lastOrder: { at, ok: false, error: { code: error.code, message: error.message } },
      });
      this.parts.log(
        `kvm-manager: ACME order for ${settings.domains.join(", ")}: ${error.message}`,
      );
      throw error;
    }
    writeAcme(this.parts.store, {
      certificate: issued.info,
      lastOrder: { at, ok: true, error: null },
    });
    this.parts.log(
      `kvm-manager: ACME certificate for ${issued.info.domains.join(", ")} from ` +
        `${issued.info.issuer}, valid until ${issued.info.notAfter}, SHA-256 ${issued.info.fingerprint}`,
    );
    return this.info();
  }

  /**
   * Writes the pair (checked in order.ts) where the server reads it at start (key 0600), then
   * serves it; when it cannot be served, the pair it replaced is written back, so the next start
   * serves what runs now.
   */
  async #keep(issued: Issued): Promise<void> {
    const dir = join(this.parts.dataDir, "tls");
    await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
    const certFile = join(dir, "cert.pem");
    const keyFile = join(dir, "key.pem");
    const before = await Promise.all(
      [certFile, keyFile].map((f) => Deno.readTextFile(f).catch(() => null)),
    );
    await writePair(certFile, keyFile, issued.cert, issued.key);
    if (!this.#install) return;
    try {
      this.#served = await this.#install();
    } catch (err) {
      const [cert, key] = before;
      if (cert !== null && key !== null) await writePair(certFile, keyFile, cert, key);
      throw new AppError(
        "ACME_ERROR",
        t("The new certificate could not be served: {{reason}}", {
          reason: (err as Error).message,
        }),
      );
    }
  }

  /** The next renewal, or a retry after a failed one; nothing without settings or a certificate. */
  #schedule(): void {
    clearTimeout(this.#timer);
    this.#renewAt = null;
    if (this.#closed || this.#unavailable()) return;
    const { settings, certificate, lastOrder } = readAcme(this.parts.store);
    if (!settings || !certificate) return;
    const notBefore = Date.parse(certificate.notBefore);
    const notAfter = Date.parse(certificate.notAfter);
    const lifetime = notAfter - notBefore;
    let due = notAfter - Math.min(settings.renewDays * 86400_000, lifetime / 3);
    // A renewal that failed is tried again soon, sooner as the end comes closer.
    if (lastOrder && !lastOrder.ok && Date.now() >= due) {
      const left = Math.max(0, notAfter - Date.now());
      due = Date.parse(lastOrder.at) +
        Math.min(MAX_RETRY_MS, Math.max(MIN_RETRY_MS, left / 4));
    }
    // Never two orders in a row: a certificate due at once (issued backdated, or a clock ahead)
    // would otherwise be ordered again and again, into the CA's rate limits.
    if (lastOrder) {
      due = Math.max(due, Date.parse(lastOrder.at) + Math.min(MIN_GAP_MS, lifetime / 3));
    }
    this.#renewAt = new Date(due);
    const wait = Math.max(0, due - Date.now());
    const timer = setTimeout(() => {
      if (wait > LONGEST_WAIT_MS) return this.#schedule();
      this.order().catch(() => {/* recorded in lastOrder, logged, tried again */});
    }, Math.min(wait, LONGEST_WAIT_MS));
    Deno.unrefTimer(timer);
    this.#timer = timer;
  }

  #unavailable(): string | null {
    if (this.parts.tlsMode === "files") {
      return t(
        "This server serves your own certificate files (--tls-cert, --tls-key): ACME manages only the certificate KVM Manager keeps in its data folder",
      );
    }
    if (this.parts.tlsMode === "off") {
      return t("This server speaks plain HTTP (--no-tls), so it serves no certificate");
    }
    return null;
  }

  #available(): void {
    const why = this.#unavailable();
    if (why) throw new AppError("ACME_UNAVAILABLE", why);
  }
}

/** Each file whole or not at all: written under a new name, then renamed over the old. */
async function writePair(certFile: string, keyFile: string, cert: string, key: string) {
  await Deno.writeTextFile(`${keyFile}.new`, key, { mode: 0o600 });
  await Deno.chmod(`${keyFile}.new`, 0o600);
  await Deno.writeTextFile(`${certFile}.new`, cert, { mode: 0o644 });
  await Deno.rename(`${keyFile}.new`, keyFile);
  await Deno.rename(`${certFile}.new`, certFile);
}
