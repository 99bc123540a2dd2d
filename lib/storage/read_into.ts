// Reading the first bytes of a file whole: one read() may answer fewer bytes than asked for
// (https://docs.deno.com/api/deno/~/Deno.FsFile.prototype.read), so a header or a capped read
// goes on until its buffer is full or the file ends.

/** Fills `buf` from `file`'s position on, stopping at the file's end; answers the bytes read. */
export async function readInto(file: Deno.FsFile, buf: Uint8Array): Promise<number> {
  let got = 0;
  while (got < buf.length) {
    const n = await file.read(buf.subarray(got));
    if (n === null) break;
    got += n;
  }
  return got;
}
