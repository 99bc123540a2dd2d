// A VM's screen and keyboard without a console open: keys pressed through libvirt (the send-key
// menu) and small screenshots (thumbnails on the VM's summary and in the lists).
//
// Thumbnails are pulled, never pushed: a browser asks for the image of a VM it shows, so VMs
// nobody looks at cost nothing. What they may cost is bounded app-wide (ScreenBudget): one
// screenshot at a time on all hosts, at most `perMinute` a minute, a short queue; past that the
// caller hears 429 SCREENSHOT_BUSY with Retry-After, or gets the last image while it is fresh.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { AppError, fromLibvirt } from "../errors.ts";
import { checkVmId, vmState } from "../vm_basics.ts";
import type { Screenshot } from "../../ffi/libvirt/display.ts";
import { ThumbnailMaker } from "./thumbnail_maker.ts";
import { keyCodes } from "./send_key_input.ts";
import { t } from "../../shared/i18n/t.ts";

/** The widest thumbnail a caller may ask for, and the one given when none is named. */
export const THUMBNAIL_MAX_WIDTH = 640;
export const THUMBNAIL_DEFAULT_WIDTH = 320;
/** The most a screenshot may weigh as the hypervisor sends it: an 8K screen as PPM. */
const SCREENSHOT_MAX_BYTES = 7680 * 4320 * 3 + 64;
/** How long a thumbnail is shown again instead of taking a new one. */
const FRESH_MS = 10_000;
/** Thumbnails kept per host (each a few KiB). */
const CACHED_MAX = 100;
/** How long a key is held down (libvirt's own default is QEMU's, about 100 ms). */
const HOLD_MS = 100;

/**
 * The app-wide limit on screenshots: one at a time, `perMinute` a minute, `queueMax` waiting;
 * and the one worker that shrinks them into thumbnails.
 */
export class ScreenBudget {
  readonly maker = new ThumbnailMaker();
  readonly #perMinute: number;
  readonly #queueMax: number;
  readonly #now: () => number;
  #taken: number[] = [];
  #waiting = 0;
  #last: Promise<unknown> = Promise.resolve();

  constructor(
    { perMinute = 120, queueMax = 8, now = Date.now }: {
      perMinute?: number;
      queueMax?: number;
      now?: () => number;
    } = {},
  ) {
    this.#perMinute = perMinute;
    this.#queueMax = queueMax;
    this.#now = now;
  }

  /** Screenshots taken in the last minute. */
  takenLastMinute(): number {
    const since = this.#now() - 60_000;
    this.#taken = this.#taken.filter((at) => at > since);
    return this.#taken.length;
  }

  /** Runs `take` when its turn comes; refuses with SCREENSHOT_BUSY past the limits. */
  run<T>(take: () => Promise<T>): Promise<T> {
    if (this.takenLastMinute() >= this.#perMinute) {
      const retryAfter = Math.max(1, Math.ceil((this.#taken[0] + 60_000 - this.#now()) / 1000));
      throw busy(retryAfter);
    }
    if (this.#waiting >= this.#queueMax) throw busy(1);
    this.#taken.push(this.#now());
    this.#waiting++;
    const turn = this.#last.then(take).finally(() => this.#waiting--);
    this.#last = turn.catch(() => {});
    return turn;
  }

  /** Stops the image worker (the server is stopping). */
  close(): void {
    this.maker.close();
  }
}

function busy(retryAfter: number): AppError {
  return new AppError(
    "SCREENSHOT_BUSY",
    t("Too many screenshots at once: try again in {{seconds}} s", { seconds: retryAfter }),
    { retryAfter },
  );
}

/** One thumbnail: the PNG and when its screen was read. */
export interface Thumbnail {
  png: Uint8Array;
  takenAt: number;
}

/** One host's VM screens and keyboards. */
export class VmScreens {
  readonly #client: LibvirtClient;
  readonly #budget: ScreenBudget;
  readonly #now: () => number;
  /** By `${uuid}/${width}`, oldest first (a Map keeps insertion order). */
  readonly #cache = new Map<string, Thumbnail>();
  /** Screenshots asked of libvirt so far (bench/thumbnails.ts counts what thumbnails cost). */
  taken = 0;

  constructor(client: LibvirtClient, budget: ScreenBudget, now: () => number = Date.now) {
    this.#client = client;
    this.#budget = budget;
    this.#now = now;
  }

  /** Presses `keys` (checked names, shared/console_keys.ts) together on a running VM. */
  async sendKeys(id: string, keys: readonly string[]): Promise<void> {
    await this.#running(id, t("Failed to send keys"));
    try {
      await this.#client.call("domainSendKey", id, keyCodes(keys), HOLD_MS);
    } catch (err) {
      throw fromLibvirt(err, { id, failed: t("Failed to send keys") });
    }
  }

  /** The running VM's screen as a PNG at most `width` wide, fresh within 10 seconds. */
  async thumbnail(id: string, width: number): Promise<Thumbnail> {
    const failed = t("Failed to take a screenshot");
    const uuid = await this.#running(id, failed);
    const key = `${uuid}/${width}`;
    const cached = this.#cache.get(key);
    if (cached && this.#now() - cached.takenAt < FRESH_MS) return cached;
    // The screenshot and its shrinking are one turn: the image worker never has a queue.
    const png = await this.#budget.run(async () => {
      this.taken++;
      let shot: Screenshot;
      try {
        shot = await this.#client.call("domainScreenshot", uuid, 0, SCREENSHOT_MAX_BYTES);
      } catch (err) {
        throw fromLibvirt(err, { id, failed });
      }
      try {
        return await this.#budget.maker.make(shot.mime, shot.bytes, width);
      } catch (err) {
        throw new AppError(
          "INTERNAL_ERROR",
          t("{{failed}}: {{error}}", { failed, error: (err as Error).message }),
          undefined,
          { cause: err },
        );
      }
    });
    const thumbnail = { png, takenAt: this.#now() };
    this.#cache.delete(key);
    this.#cache.set(key, thumbnail);
    if (this.#cache.size > CACHED_MAX) this.#cache.delete(this.#cache.keys().next().value!);
    return thumbnail;
  }

  /** The VM's UUID when it runs (or is paused); 409 VM_NOT_RUNNING otherwise. */
  async #running(id: string, failed: string): Promise<string> {
    checkVmId(id);
    let vm: { uuid: string; state: number };
    try {
      vm = await this.#client.call("domainState", id);
    } catch (err) {
      throw fromLibvirt(err, { id, failed });
    }
    const state = vmState(vm.state);
    if (state !== "running" && state !== "paused") {
      throw new AppError("VM_NOT_RUNNING", t("VM is not running"));
    }
    return vm.uuid;
  }
}
