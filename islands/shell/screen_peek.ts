// A peek at a running VM's screen while the pointer rests on (or the keyboard focuses) its link
// in the VM list or the resource tree: links marked data-vm-screen (the VM's id) with
// data-vm-state. One document-wide listener serves every such link of the page, so the lists
// stay plain. An image is asked for only after a short rest on a running VM the caller may open
// the console of, and kept 10 seconds, as long as the server keeps it fresh: a list nobody
// hovers costs no screenshot at all.

import { vmScreenshotPath } from "../../shared/api_paths.ts";
import { send } from "../../components/client/api.ts";
import { withHost } from "../../components/client/host.ts";
import { mayPowerVm } from "../../components/client/session.ts";
import { t } from "../../shared/i18n/t.ts";

/** How long the pointer rests before an image is asked for: passing over a list asks nothing. */
const REST_MS = 350;
const FRESH_MS = 10_000;
const WIDTH = 240;

/** The attribute a VM link carries to be peeked at. */
export const SCREEN_PEEK_ATTR = "data-vm-screen";

const shown = new Map<string, { url: string; at: number }>();

/** The screenshot's URL for the link: on the link's own host (the all-hosts list names it). */
function imagePath(link: HTMLAnchorElement, id: string): string {
  const host = new URL(link.href, location.href).searchParams.get("host");
  const path = `${vmScreenshotPath(id)}?width=${WIDTH}`;
  return host ? withHost(path, host) : withHost(path);
}

async function image(link: HTMLAnchorElement, id: string): Promise<string | null> {
  const path = imagePath(link, id);
  const kept = shown.get(path);
  if (kept && Date.now() - kept.at < FRESH_MS) return kept.url;
  try {
    const res = await send("GET", path);
    const url = URL.createObjectURL(await res.blob());
    if (kept) URL.revokeObjectURL(kept.url);
    shown.set(path, { url, at: Date.now() });
    return url;
  } catch {
    // Busy, stopped meanwhile or refused: no peek; the link itself is what matters.
    return null;
  }
}

function peekable(target: EventTarget | null): HTMLAnchorElement | null {
  // A text node or the document has no closest(): it is no link.
  const from = target instanceof Element ? target : null;
  const link = from?.closest(`a[${SCREEN_PEEK_ATTR}]`) as HTMLAnchorElement | null;
  if (!link) return null;
  const state = link.dataset.vmState;
  if (state !== "running" && state !== "paused") return null;
  return mayPowerVm(link.getAttribute(SCREEN_PEEK_ATTR) ?? "") ? link : null;
}

/** Starts the page's screen peeks. */
export function screenPeeks(): void {
  const box = document.createElement("div");
  box.className = "screen-peek";
  box.hidden = true;
  // The link says what it leads to; the picture adds nothing a screen reader could use.
  box.setAttribute("aria-hidden", "true");
  const img = document.createElement("img");
  img.width = WIDTH;
  box.append(img);
  document.body.append(box);

  let current: HTMLAnchorElement | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hide = () => {
    clearTimeout(timer);
    current = null;
    box.hidden = true;
  };
  const place = (link: HTMLAnchorElement) => {
    const r = link.getBoundingClientRect();
    const width = Math.min(WIDTH + 8, innerWidth - 16);
    box.style.left = `${Math.max(8, Math.min(r.left, innerWidth - width - 8))}px`;
    const below = r.bottom + 6;
    box.style.top = below + 190 < innerHeight ? `${below}px` : `${Math.max(8, r.top - 196)}px`;
  };
  const start = (target: EventTarget | null) => {
    const link = peekable(target);
    if (link === current) return;
    hide();
    if (!link) return;
    current = link;
    timer = setTimeout(async () => {
      const id = link.getAttribute(SCREEN_PEEK_ATTR)!;
      const url = await image(link, id);
      if (current !== link || !url || !link.isConnected) return;
      img.src = url;
      img.alt = t("The screen of {{name}}", { name: link.textContent ?? id });
      place(link);
      box.hidden = false;
    }, REST_MS);
  };
  document.addEventListener("mouseover", (e) => start(e.target));
  document.addEventListener("focusin", (e) => start(e.target));
  document.addEventListener("mouseout", (e) => {
    if (current && !current.contains(e.relatedTarget as Node | null)) hide();
  });
  document.addEventListener("focusout", hide);
  document.addEventListener("scroll", hide, true);
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") hide();
  });
}
