// The boot order's element in a domain's <metadata>: our own namespace, one element, replaced
// whole by virDomainSetMetadata (https://libvirt.org/formatdomain.html#general-metadata).

import type { StartupOrder } from "../../shared/startup.ts";
import {
  DEFAULT_DOWN_TIMEOUT,
  STARTUP_DELAY_MAX,
  STARTUP_ORDER_MAX,
} from "../../shared/startup.ts";
import type { XmlNode } from "./parser.ts";

/** The namespace of the boot order element, apart from `kvmm:vm` so each is replaced alone. */
export const STARTUP_NAMESPACE = "https://github.com/kvm-manager/xmlns/startup/1";
/** The prefix libvirt writes the element with. */
export const STARTUP_PREFIX = "kvmmstart";

const whole = (value: unknown, max: number): number | null => {
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 && n <= max ? n : null;
};

/**
 * The boot order of a parsed `<metadata>` (its `startup` child once prefixes are dropped), or
 * null when there is none or it is not ours (a value out of bounds).
 */
export function startupOf(meta: XmlNode | undefined): StartupOrder | null {
  const node = meta && typeof meta === "object" ? meta.startup : undefined;
  if (!node || typeof node !== "object") return null;
  const order = whole(node["@order"], STARTUP_ORDER_MAX);
  if (order === null) return null;
  return {
    order,
    upDelay: whole(node["@up"], STARTUP_DELAY_MAX) ?? 0,
    waitForAgent: node["@agent"] === "yes",
    downTimeout: whole(node["@down"], STARTUP_DELAY_MAX) ?? DEFAULT_DOWN_TIMEOUT,
  };
}

/** The element handed to virDomainSetMetadata (libvirt adds the namespace and prefix). */
export function startupElement(s: StartupOrder): string {
  return `<startup order="${s.order}" up="${s.upDelay}" agent="${
    s.waitForAgent ? "yes" : "no"
  }" down="${s.downTimeout}"/>`;
}
