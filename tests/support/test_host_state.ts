// Host state the real-QEMU tests share (the isolated test network, the test pools and their
// folders), removed when the last test module using it is done, so a run leaves the host as it
// found it. Test modules in one process and test processes side by side share it: each holds a
// lease (a file named after its process) from its first use until it unloads; whoever gives
// back the last lease removes everything. Leases of dead processes do not count, so the state
// of a killed run goes with the next one.

/** A storage pool the tests define, over a folder of their own. */
export interface TestPool {
  name: string;
  dir: string;
  /** Delete the folder with whatever is in it (a cache); else only when it is empty. */
  cache: boolean;
}

export interface TestHostStateOptions {
  /** libvirt URI for virsh. */
  uri: string;
  /** Folder of the lease files (made on first use, removed with the last lease). */
  leaseDir: string;
  /** An existing file or folder flock()ed while leases are taken and given back. */
  lockPath: string;
  networks: string[];
  pools: TestPool[];
}

/** Runs virsh synchronously (it must work in an unload handler); false when it failed. */
function virshSync(uri: string, ...args: string[]): { ok: boolean; out: string } {
  try {
    const out = new Deno.Command("virsh", {
      args: ["-c", uri, ...args],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).outputSync();
    const text = new TextDecoder();
    return { ok: out.success, out: text.decode(out.stdout) + text.decode(out.stderr) };
  } catch (err) {
    return { ok: false, out: String(err) };
  }
}

const alive = (pid: string) => /^\d+$/.test(pid) && existsSync(`/proc/${pid}`);

function existsSync(path: string): boolean {
  try {
    Deno.lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The shared state of one module: hold() before using it; released when the module unloads. */
export class TestHostState {
  #opts: TestHostStateOptions;
  #lease: string | null = null;
  #holding: Promise<void> | null = null;
  #onUnload = () => this.release();

  constructor(opts: TestHostStateOptions) {
    this.#opts = opts;
  }

  /** Takes this module's lease (once); the state is then kept until release() or unload. */
  hold(): Promise<void> {
    this.#holding ??= this.#take().catch((err) => {
      this.#holding = null;
      throw err;
    });
    return this.#holding;
  }

  async #take(): Promise<void> {
    using lock = await Deno.open(this.#opts.lockPath);
    await lock.lock(true);
    await Deno.mkdir(this.#opts.leaseDir, { recursive: true, mode: 0o700 });
    const lease = `${this.#opts.leaseDir}/${Deno.pid}-${crypto.randomUUID()}`;
    await Deno.writeTextFile(lease, "");
    this.#lease = lease;
    globalThis.addEventListener("unload", this.#onUnload);
  }

  /**
   * Gives back the lease; when no live lease is left, destroys and undefines the networks and
   * pools and deletes the pools' folders. Synchronous (it runs at unload) and never throws:
   * what it could not remove it names on stderr. Returns those complaints.
   */
  release(): string[] {
    const lease = this.#lease;
    if (!lease) return [];
    this.#lease = null;
    this.#holding = null;
    globalThis.removeEventListener("unload", this.#onUnload);
    const problems: string[] = [];
    let lock: Deno.FsFile | null = null;
    try {
      lock = Deno.openSync(this.#opts.lockPath);
      lock.lockSync(true);
      Deno.removeSync(lease);
      if (this.#liveLeases() > 0) return [];
      Deno.removeSync(this.#opts.leaseDir, { recursive: true });
      problems.push(...this.#removeAll());
    } catch (err) {
      problems.push(`test host state: ${err}`);
    } finally {
      lock?.close(); // closing drops the flock
    }
    for (const p of problems) console.error(`warning: ${p}`);
    return problems;
  }

  /** Leases of live processes; those of dead ones are deleted. */
  #liveLeases(): number {
    let live = 0;
    for (const entry of Deno.readDirSync(this.#opts.leaseDir)) {
      if (alive(entry.name.split("-")[0])) live++;
      else Deno.removeSync(`${this.#opts.leaseDir}/${entry.name}`);
    }
    return live;
  }

  #removeAll(): string[] {
    const { uri, networks, pools } = this.#opts;
    const problems: string[] = [];
    for (const net of networks) {
      if (!virshSync(uri, "net-info", net).ok) continue;
      virshSync(uri, "net-destroy", net); // fails when inactive
      const undefine = virshSync(uri, "net-undefine", net);
      if (!undefine.ok) problems.push(`could not undefine network ${net}: ${undefine.out.trim()}`);
    }
    for (const pool of pools) {
      // A test that left a volume behind: keep its pool, so the leak is seen, not hidden.
      const left = existsSync(pool.dir) && !pool.cache ? [...Deno.readDirSync(pool.dir)] : [];
      if (left.length > 0) {
        problems.push(
          `pool ${pool.name} kept: ${pool.dir} still holds ${left.map((e) => e.name).join(", ")}`,
        );
        continue;
      }
      if (virshSync(uri, "pool-info", pool.name).ok) {
        virshSync(uri, "pool-destroy", pool.name); // fails when inactive
        const undefine = virshSync(uri, "pool-undefine", pool.name);
        if (!undefine.ok) {
          problems.push(`could not undefine pool ${pool.name}: ${undefine.out.trim()}`);
        }
      }
      try {
        if (existsSync(pool.dir)) Deno.removeSync(pool.dir, { recursive: pool.cache });
      } catch (err) {
        problems.push(`could not remove ${pool.dir}: ${err}`);
      }
    }
    return problems;
  }
}
