// The console's escape key: Ctrl+a t leaves, Ctrl+a Ctrl+a sends one Ctrl+a, and Ctrl+a followed
// by anything else sends both keys (nothing typed is lost). The state carries across reads, so a
// sequence split between two reads still counts.

/** Ctrl+a, the prefix (as in screen, and mvirt's console). */
export const PREFIX = 0x01;
/** "t", which leaves after the prefix. */
export const LEAVE = 0x74;

/** What one read of keyboard input gives: bytes for the VM, and whether to leave now. */
export interface Filtered {
  send: Uint8Array;
  /** True once Ctrl+a t was typed; whatever followed it in the same read is dropped. */
  leave: boolean;
}

/** Filters keyboard input for the escape sequence. */
export class EscapeFilter {
  #afterPrefix = false;

  push(chunk: Uint8Array): Filtered {
    const send: number[] = [];
    for (const byte of chunk) {
      if (!this.#afterPrefix) {
        if (byte === PREFIX) this.#afterPrefix = true;
        else send.push(byte);
        continue;
      }
      this.#afterPrefix = false;
      if (byte === LEAVE) return { send: Uint8Array.from(send), leave: true };
      if (byte === PREFIX) send.push(PREFIX);
      else send.push(PREFIX, byte);
    }
    return { send: Uint8Array.from(send), leave: false };
  }

  /** True while a Ctrl+a waits for its second key. */
  get pending(): boolean {
    return this.#afterPrefix;
  }
}
