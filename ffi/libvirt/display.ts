// A domain's screen and keyboard through libvirt: virDomainScreenshot (the hypervisor's own
// image format, PPM from QEMU, PNG from the test driver, sent over a stream) and
// virDomainSendKey (Linux key codes, pressed together, then released).

import type { Domain } from "./domain.ts";
import { check, ErrorCode, LibvirtError } from "./error.ts";
import { lv } from "./library.ts";
import type { Stream } from "./stream.ts";
import { joinBytes } from "../../shared/bytes.ts";
import { takeChecked } from "./returned.ts";

/** virKeycodeSet: the Linux input key codes (linux/input-event-codes.h). */
export const KEYCODE_SET_LINUX = 0;

/** libvirt's limit on keys pressed at once (VIR_DOMAIN_SEND_KEY_MAX_KEYS). */
export const SEND_KEY_MAX = 16;

/** What one screenshot returns: the image's MIME type and bytes. */
export interface Screenshot {
  mime: string;
  bytes: Uint8Array<ArrayBuffer>;
}

/**
 * Takes a screenshot of `screen` (0 is the first head) into `stream` and reads it whole; more
 * than `maxBytes` aborts the stream and throws, so a huge screen cannot fill our memory.
 */
export function screenshot(
  dom: Domain,
  stream: Stream,
  screen: number,
  maxBytes: number,
): Screenshot {
  const mime = takeChecked(
    lv().virDomainScreenshot(dom.rawHandle(), stream.rawHandle(), screen, 0),
    "virDomainScreenshot",
  );
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let total = 0;
  while (!stream.finished) {
    const part = stream.receive(256 * 1024);
    total += part.length;
    if (total > maxBytes) {
      stream.abort();
      throw new LibvirtError(
        ErrorCode.OPERATION_FAILED,
        0,
        `the screenshot is larger than ${maxBytes} bytes`,
      );
    }
    parts.push(part);
  }
  return { mime, bytes: joinBytes(parts) };
}

/** Presses `keycodes` (Linux codes) together for `holdMs`, then releases them. */
export function sendKey(dom: Domain, keycodes: number[], holdMs: number): void {
  const codes = new Uint32Array(keycodes);
  check(
    lv().virDomainSendKey(dom.rawHandle(), KEYCODE_SET_LINUX, holdMs, codes, codes.length, 0),
    "virDomainSendKey",
  );
}
