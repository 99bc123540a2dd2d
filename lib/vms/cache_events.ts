// The libvirt events the VM list's caches (os_cache.ts, pending_cache.ts) follow: each VM's
// lifecycle, and the connection coming back, when every VM they know is read again because the
// events of the outage were lost.

import type { ConnectionState, LibvirtClient, LifecycleEvent } from "../../ffi/libvirt/client.ts";

/** What a cache does on each event it follows. */
export interface CacheEventHandlers {
  lifecycle: (event: LifecycleEvent) => void;
  /** The connection is back after an outage. */
  reconnected: () => void;
}

/** One cache's listeners: added on its first list (`listen`), removed when it closes. */
export class CacheEvents {
  readonly #client: Pick<LibvirtClient, "addEventListener" | "removeEventListener">;
  #listening = false;
  readonly #onLifecycle: (e: Event) => void;
  readonly #onConnection: (e: Event) => void;

  constructor(
    client: Pick<LibvirtClient, "addEventListener" | "removeEventListener">,
    { lifecycle, reconnected }: CacheEventHandlers,
  ) {
    this.#client = client;
    this.#onLifecycle = (e) => lifecycle((e as CustomEvent<LifecycleEvent>).detail);
    this.#onConnection = (e) => {
      if ((e as CustomEvent<ConnectionState>).detail.connected) reconnected();
    };
  }

  /** Starts listening; calling it again does nothing. */
  listen(): void {
    if (this.#listening) return;
    this.#listening = true;
    this.#client.addEventListener("lifecycle", this.#onLifecycle);
    this.#client.addEventListener("connection", this.#onConnection);
  }

  /** Stops listening. */
  close(): void {
    this.#client.removeEventListener("lifecycle", this.#onLifecycle);
    this.#client.removeEventListener("connection", this.#onConnection);
  }
}
