// A fresh folder for one test, removed afterwards whatever the test did.

/** Runs `fn` with a new temporary folder named `prefix…`, then removes the folder and all in it. */
export async function withTempDir<T>(prefix: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix });
  try {
    return await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
