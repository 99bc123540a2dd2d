// Start at boot in order (issue 46): a VM's place in the host's start sequence, its delays, and
// the bounds the API and the card share. Browser-safe.

/** The highest order number. */
export const STARTUP_ORDER_MAX = 9999;
/** The longest up-delay or shutdown timeout, in seconds. */
export const STARTUP_DELAY_MAX = 3600;
/** The shutdown timeout when a request does not say. */
export const DEFAULT_DOWN_TIMEOUT = 180;

/** A VM's boot order: kept in its domain XML, in our own metadata namespace. */
export interface StartupOrder {
  /** 0 to 9999; lower starts first (ties by name), and stops last. */
  order: number;
  /** Seconds to wait after starting it before the next VM starts (0 to 3600). */
  upDelay: number;
  /** End the wait early once its QEMU guest agent answers (up-delay stays the most it waits). */
  waitForAgent: boolean;
  /** Seconds a stop in order waits for its shutdown before forcing it off (0 to 3600). */
  downTimeout: number;
}

/** `GET/PUT/DELETE /api/vms/:id/startup`. */
export interface VmStartup {
  id: string;
  name: string;
  /** null: no boot order; libvirt's own autostart (if on) starts it when libvirtd starts. */
  startup: StartupOrder | null;
  /** libvirt's autostart flag: always off while the VM has a boot order. */
  libvirtAutostart: boolean;
}
