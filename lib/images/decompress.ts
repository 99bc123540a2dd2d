// Compressed images are unpacked on their way into the volume, chosen by the file name's
// ending as distributions name them (.gz, .xz, .zst); what arrives in the pool is the image.
// gzip is the platform's own; xz is `xz-decompress` (liblzma's decoder as WebAssembly, inlined,
// streaming) and zstd `fzstd` (a pure JavaScript streaming decoder): well-kept, small, no native
// code, so `deno compile` carries them. Both are loaded on first use: the server does not hold
// them until a download needs one.

export type Compression = "gzip" | "xz" | "zstd";

const ENDINGS: [string, Compression][] = [[".gz", "gzip"], [".xz", "xz"], [".zst", "zstd"]];

/** The compression a file name's ending names, and the name without it; null when none. */
export function compressionOf(fileName: string): { kind: Compression; inner: string } | null {
  const lower = fileName.toLowerCase();
  for (const [ending, kind] of ENDINGS) {
    if (lower.endsWith(ending) && lower.length > ending.length) {
      return { kind, inner: fileName.slice(0, -ending.length) };
    }
  }
  return null;
}

/** zstd frames (one or several, as `zstd` and `pzstd` write them) as a stream's transform. */
async function zstdStream(): Promise<TransformStream<Uint8Array, Uint8Array>> {
  const { Decompress } = await import("fzstd");
  let out!: TransformStreamDefaultController<Uint8Array>;
  const decoder = new Decompress((chunk: Uint8Array) => out.enqueue(chunk));
  return new TransformStream({
    start(controller) {
      out = controller;
    },
    transform(chunk) {
      decoder.push(chunk);
    },
    flush() {
      decoder.push(new Uint8Array(0), true);
    },
  });
}

/** `input` unpacked. */
export async function decompressed(
  kind: Compression,
  input: ReadableStream<Uint8Array>,
): Promise<ReadableStream<Uint8Array>> {
  switch (kind) {
    case "gzip":
      return input.pipeThrough(
        new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>,
      );
    case "xz": {
      const xz = (await import("xz-decompress")).default;
      return new xz.XzReadableStream(input) as ReadableStream<Uint8Array>;
    }
    case "zstd":
      return input.pipeThrough(await zstdStream());
  }
}
