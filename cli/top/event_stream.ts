// The server's event stream (`GET /api/events`, server-sent events) as the client reads it:
// each `data:` line's JSON handed on as it arrives, the keepalive comments skipped.

import type { HostEvent } from "../../shared/events.ts";

/** Splits an SSE byte stream into its events' data, calling `onEvent` for each. */
export async function readEvents(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: HostEvent) => void,
): Promise<void> {
  let buffered = "";
  const decoder = new TextDecoder();
  for await (const chunk of body) {
    buffered += decoder.decode(chunk, { stream: true }).replaceAll("\r\n", "\n");
    let end: number;
    while ((end = buffered.indexOf("\n\n")) >= 0) {
      const block = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      const data = block.split("\n").filter((l) => l.startsWith("data:"))
        .map((l) => l.slice(5).replace(/^ /, "")).join("\n");
      if (!data) continue; // a comment (": keepalive") or an event without data
      try {
        onEvent(JSON.parse(data) as HostEvent);
      } catch { /* not ours: skipped rather than ending the stream */ }
    }
    // One event is small; a stream that never ends a block is not our server.
    if (buffered.length > 1 << 20) throw new Error("an event of over 1 MiB");
  }
}
