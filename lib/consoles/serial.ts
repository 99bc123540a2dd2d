// A VM's serial console: checks it can be opened, opens it on a worker of its own
// (LibvirtClient.openConsole) and remembers who holds which VM's console, so a take-over ends
// the previous holder's session with the right words.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { type ConsoleEnd, type ConsoleSession, isTakeOver } from "../../ffi/libvirt/console.ts";
import { ErrorCode, LibvirtError } from "../../ffi/libvirt/error.ts";
import { checkVmId, vmState } from "../vm_basics.ts";
import { AppError, fromLibvirt } from "../errors.ts";
import { parseXml, type XmlNode } from "../xml/parser.ts";
import { t, tKey } from "../../shared/i18n/t.ts";

/** The character device libvirt opens as the console, from the domain's live XML. */
export interface SerialDevice {
  /** `console` or `serial`: which element it is. */
  element: "console" | "serial";
  /** Its source type: pty, tcp, file, unix … Only a pty can be opened. */
  type: string;
}

/**
 * The device virDomainOpenConsole opens without a device name, as QEMU's driver picks it: the
 * first `<console>`, else the first `<serial>`; null when the domain has neither.
 */
export function serialDeviceOf(xml: string): SerialDevice | null {
  const devices: XmlNode = parseXml(xml)?.domain?.devices ?? {};
  for (const element of ["console", "serial"] as const) {
    const first = (devices[element] as XmlNode[] | undefined)?.[0];
    if (first) return { element, type: String(first["@type"] ?? "pty") };
  }
  return null;
}

/** How a session ended, in the API's terms. */
export interface SerialEnd {
  /**
   * "stopped": libvirt closed the console (the VM stopped); "taken-over": another client
   * opened it with force; "error": the stream or connection failed; "closed": our side closed it.
   */
  kind: "stopped" | "taken-over" | "error" | "closed";
  message: string;
}

/** An open serial console: the guest's output, typing, and how it ended. */
export interface SerialSession {
  /** The VM's UUID. */
  uuid: string;
  output: ReadableStream<Uint8Array<ArrayBuffer>>;
  write(data: Uint8Array): void;
  close(): Promise<void>;
  ended: Promise<SerialEnd>;
}

export const BUSY_MESSAGE = tKey(
  "Another client holds this VM's serial console; open it with force to take it over",
);
export const TAKEN_OVER_MESSAGE = tKey("Another client took over the console");

const notRunning = () => new AppError("VM_NOT_RUNNING", t("VM is not running"));

interface Holder {
  session: ConsoleSession;
  /** Set while (and after) one of our own requests takes this console over. */
  takenOver: boolean;
}

/** The serial consoles of one host's VMs, opened through this app. */
export class SerialConsoles {
  #client: () => LibvirtClient;
  /** Sessions open through this app, by VM UUID. */
  #holders = new Map<string, Set<Holder>>();

  /** `client`: the host's libvirt client, looked up when a console opens. */
  constructor({ client }: { client: () => LibvirtClient }) {
    this.#client = client;
  }

  /**
   * Opens VM `id`'s serial console. Throws AppError: 404 VM_NOT_FOUND, 409 VM_NOT_RUNNING,
   * 409 NO_SERIAL, 409 SERIAL_NOT_PTY, 409 CONSOLE_BUSY (someone holds it and `force` is
   * false), 501 NOT_SUPPORTED (a driver without consoles, such as libvirt's test driver).
   */
  async open(id: string, { force = false }: { force?: boolean } = {}): Promise<SerialSession> {
    checkVmId(id);
    const client = this.#client();
    let uuid: string;
    let device: SerialDevice | null;
    try {
      const { uuid: u, state } = await client.call("domainState", id);
      if (vmState(state) !== "running" && vmState(state) !== "paused") throw notRunning();
      uuid = u;
      device = serialDeviceOf(await client.call("domainXml", id, 0));
    } catch (err) {
      throw fromLibvirt(err, { id, failed: t("Failed to read VM") });
    }
    if (!device) throw new AppError("NO_SERIAL", t("This VM has no serial console"));
    if (device.type !== "pty") {
      throw new AppError(
        "SERIAL_NOT_PTY",
        t("This VM's {{element}} is a {{type}} device: only a pty console can be opened", {
          element: device.element,
          type: device.type,
        }),
      );
    }
    const previous = [...this.#holders.get(uuid) ?? []].filter((h) => !h.takenOver);
    // Marked before opening: libvirt ends their streams during our open, and their end may
    // arrive before our open's answer does.
    if (force) { for (const h of previous) h.takenOver = true; }
    let session: ConsoleSession;
    try {
      session = await client.openConsole(uuid, { force });
    } catch (err) {
      if (force) { for (const h of previous) h.takenOver = false; }
      throw openError(err, id);
    }
    return this.#hold(uuid, session);
  }

  /** How many sessions this app holds on VM `uuid`'s console. */
  holders(uuid: string): number {
    return this.#holders.get(uuid)?.size ?? 0;
  }

  #hold(uuid: string, session: ConsoleSession): SerialSession {
    const holder: Holder = { session, takenOver: false };
    let set = this.#holders.get(uuid);
    if (!set) this.#holders.set(uuid, set = new Set());
    set.add(holder);
    const ended = session.ended.then((end) => {
      set.delete(holder);
      if (set.size === 0 && this.#holders.get(uuid) === set) this.#holders.delete(uuid);
      return endOf(end, holder.takenOver);
    });
    return {
      uuid,
      output: session.output,
      write: (data) => session.write(data),
      close: () => session.close(),
      ended,
    };
  }
}

function endOf(end: ConsoleEnd, takenOver: boolean): SerialEnd {
  switch (end.reason) {
    case "eof":
      return { kind: "stopped", message: t("console closed") };
    case "closed":
      return { kind: "closed", message: t("console closed") };
    case "error":
      // Ours are known; another program's (virsh console --force) show in libvirt's error.
      if ((takenOver && end.domainActive) || isTakeOver(end)) {
        return { kind: "taken-over", message: t(TAKEN_OVER_MESSAGE) };
      }
      return {
        kind: "error",
        message: t("Serial console failed: {{error}}", { error: end.message }),
      };
  }
}

/** The API's words for a failed virDomainOpenConsole. */
function openError(err: unknown, id: string): Error {
  if (!(err instanceof LibvirtError)) return err as Error;
  switch (err.code) {
    // QEMU's driver: "Active console session exists for this domain" (also a pty locked by
    // another process). Refused because we always ask with VIR_DOMAIN_CONSOLE_SAFE.
    case ErrorCode.OPERATION_FAILED:
      return new AppError("CONSOLE_BUSY", t(BUSY_MESSAGE), undefined, { cause: err });
    // The VM stopped between our check and the open.
    case ErrorCode.OPERATION_INVALID:
      return notRunning();
    case ErrorCode.NO_SUPPORT:
      return new AppError(
        "NOT_SUPPORTED",
        t("Serial consoles are not available on this connection: {{error}}", {
          error: err.message,
        }),
        undefined,
        { cause: err },
      );
    default:
      return fromLibvirt(err, { id, failed: t("Failed to open the serial console") });
  }
}
