// The thread that makes thumbnails (lib/consoles/thumbnail_maker.ts starts it): decoding a
// full screen and shrinking it takes tens of milliseconds, which must not hold up the server's
// requests. One message in (the hypervisor's image), one out (the PNG, or why not).

/// <reference lib="deno.worker" />

import { thumbnailPng } from "./screen_image.ts";

export interface ThumbnailRequest {
  id: number;
  mime: string;
  bytes: Uint8Array<ArrayBuffer>;
  width: number;
}

export type ThumbnailReply =
  | { id: number; png: Uint8Array<ArrayBuffer> }
  | { id: number; error: string };

self.onmessage = (e: MessageEvent<ThumbnailRequest>) => {
  const { id, mime, bytes, width } = e.data;
  let reply: ThumbnailReply;
  try {
    reply = { id, png: thumbnailPng(mime, bytes, width) as Uint8Array<ArrayBuffer> };
  } catch (err) {
    reply = { id, error: (err as Error).message };
  }
  self.postMessage(reply, "png" in reply ? [reply.png.buffer] : []);
};
