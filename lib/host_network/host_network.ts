// A host's network service as its routes reach it: this machine's, or a refusal that says why a
// host has none (a remote host, the demo's test driver, another daemon's socket).

import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import type { HostNetworkService } from "./service.ts";

export class HostNetwork {
  readonly #service: HostNetworkService | null;
  readonly #uri: string;

  constructor(service: HostNetworkService | null, uri: string) {
    this.#service = service;
    this.#uri = uri;
  }

  /** This machine's network service; 501 NOT_SUPPORTED where the host is not this machine. */
  get service(): HostNetworkService {
    if (this.#service) return this.#service;
    throw new AppError(
      "NOT_SUPPORTED",
      t(
        "Host network changes are made on this machine through its own libvirt (qemu:///system), not through {{uri}}",
        { uri: this.#uri },
      ),
    );
  }
}
