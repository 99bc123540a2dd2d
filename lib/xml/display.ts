// A VM's console and clipboard devices: one `<graphics>` (VNC or SPICE, on the host's loopback,
// reached only through our ticketed proxy) and, when asked, the clipboard channel to the guest's
// spice-vdagent (https://libvirt.org/formatdomain.html#graphical-framebuffers and #channel).
//
// With VNC the clipboard is QEMU's own vdagent (`<channel type='qemu-vdagent'>`, libvirt ≥ 8.4,
// QEMU ≥ 6.1): QEMU's VNC server then offers the guest's clipboard to VNC clients (noVNC's
// clipboard panel). With SPICE it is SPICE's agent channel (`spicevmc`). Both use the guest port
// `com.redhat.spice.0`, which spice-vdagent opens.

import type { DisplayType } from "../../shared/vms.ts";
import {
  attr,
  children,
  childrenNamed,
  element,
  type ONode,
  removeChildren,
  tagOf,
} from "./ordered.ts";

/** The guest port spice-vdagent opens, for both kinds of clipboard channel. */
export const VDAGENT_PORT = "com.redhat.spice.0";

type Node = Record<string, unknown>;

/** The `<graphics>` element for a new VM, in fast-xml-parser's object form. */
export function graphicsNode(display: DisplayType): Node {
  return { "@type": display, "@port": "-1", "@autoport": "yes", "@listen": "127.0.0.1" };
}

/** The clipboard `<channel>` for a new VM's display, in fast-xml-parser's object form. */
export function clipboardChannelNode(display: DisplayType): Node {
  const target = { "@type": "virtio", "@name": VDAGENT_PORT };
  if (display === "spice") return { "@type": "spicevmc", target };
  return {
    "@type": "qemu-vdagent",
    source: { clipboard: { "@copypaste": "yes" }, mouse: { "@mode": "client" } },
    target,
  };
}

/** Whether parsed `<devices>` (fast-xml-parser's object form) hold a clipboard channel. */
export function hasClipboardChannel(channels: Node[] | undefined): boolean {
  return (channels ?? []).some((c) =>
    (c["@type"] === "qemu-vdagent" || c["@type"] === "spicevmc") &&
    (c.target as Node | undefined)?.["@name"] === VDAGENT_PORT
  );
}

const isClipboardChannel = (n: ONode) =>
  tagOf(n) === "channel" &&
  (attr(n, "type") === "qemu-vdagent" || attr(n, "type") === "spicevmc");

/**
 * Sets the display type and the clipboard channel in an ordered `<devices>` element. Changing the
 * display replaces every `<graphics>` with one of the new type on loopback; `clipboard` undefined
 * keeps a channel but retypes it to the display's kind.
 */
export function setDisplayDevices(
  devices: ONode,
  { display, clipboard }: { display?: DisplayType; clipboard?: boolean },
): void {
  const kids = children(devices);
  const current = childrenNamed(devices, "graphics").map((g) => attr(g, "type"));
  const type: DisplayType = display ??
    (current.includes("spice") && !current.includes("vnc") ? "spice" : "vnc");
  if (display !== undefined && !(current.length === 1 && current[0] === display)) {
    const at = kids.findIndex((c) => tagOf(c) === "graphics");
    removeChildren(devices, (c) => tagOf(c) === "graphics");
    const graphics = element("graphics", {
      type: display,
      port: "-1",
      autoport: "yes",
      listen: "127.0.0.1",
    });
    // Where the old one stood, else before <video> or at the end: libvirt keeps its own order.
    const video = kids.findIndex((c) => tagOf(c) === "video");
    kids.splice(at >= 0 ? at : video >= 0 ? video : kids.length, 0, graphics);
  }
  const had = kids.some(isClipboardChannel);
  const wanted = clipboard ?? had;
  removeChildren(devices, isClipboardChannel);
  if (wanted) {
    const source = type === "vnc"
      ? [element("source", {}, [
        element("clipboard", { copypaste: "yes" }),
        element("mouse", { mode: "client" }),
      ])]
      : [];
    const channel = element(
      "channel",
      { type: type === "vnc" ? "qemu-vdagent" : "spicevmc" },
      [...source, element("target", { type: "virtio", name: VDAGENT_PORT })],
    );
    const lastChannel = kids.findLastIndex((c) => tagOf(c) === "channel");
    kids.splice(lastChannel >= 0 ? lastChannel + 1 : kids.length, 0, channel);
  }
}
