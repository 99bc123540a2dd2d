// POST /api/images/downloads: a file from a URL made into a new volume of a pool, streamed from
// the web server through the checksum and the unpacker into libvirt's upload stream (so remote
// hosts too), never held whole or copied to a temporary file. The request answers once the
// server answered and the volume exists; the rest runs as its task (progress, cancel). The
// volume is kept only when every byte arrived, the checksum matched and what arrived is a disk
// image KVM Manager may use (no backing file, a size its pool can hold); otherwise it is deleted.

import { z } from "zod";
import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { openVolumeSink, type VolumeSink } from "./volume_sink.ts";
import { AppError, fromLibvirt } from "../errors.ts";
import { LibvirtError } from "../../ffi/libvirt/error.ts";
import { closedObject, validated } from "../validate.ts";
import { t } from "../../shared/i18n/t.ts";
import type { AppEvent } from "../../shared/events.ts";
import type { DownloadStarted } from "../../shared/images.ts";
import { volumeNameIssue, type VolumeService } from "../storage/volumes.ts";
import { checkExistingName } from "../existing_name.ts";
import { volumeXml } from "../vms/create.ts";
import { checkSourcePath, sourceRefused } from "../storage/disk_sources.ts";
import { currentTask } from "../tasks/current.ts";
import type { TaskHandle } from "../tasks/handle.ts";
import { checkUrlShape, type FetchRules } from "../outbound/guarded_fetch.ts";
import { openRemoteFile, type RemoteFile } from "./remote_file.ts";
import { parseChecksum } from "./sums.ts";
import { EntryResolver, fileNameOf, type Wanted } from "./resolve.ts";
import { compressionOf, decompressed } from "./decompress.ts";
import type { ImageSettingsStore } from "./settings.ts";
import type { ImageLibraryService } from "./library.ts";
import { progressNotes } from "./progress_note.ts";
import { pump } from "./pump.ts";
import { PieceThread } from "./piece_thread.ts";
import type { DownloadRecord, DownloadRecords } from "./download_records.ts";
import { canResume, resumePoint, SERVER_STOPPED } from "./download_resume.ts";
import type { TaskLog } from "../tasks/log.ts";
import type { PinnedFile } from "../storage/pinned_file.ts";
import { callMake } from "../../ffi/libvirt/late_undo.ts";

const urlWords = () => t("url must be an http:// or https:// URL of at most 2048 characters");
const sumsUrlWords = () =>
  t("checksumUrl must be an http:// or https:// URL of at most 2048 characters");
const checksumWords = () => t('checksum must be "sha256:" or "sha512:" followed by the hex digest');

/** The body of POST /api/images/downloads. */
export const DownloadBody = closedObject({
  url: z.string({ error: urlWords }).min(1, { error: urlWords }).max(2048, { error: urlWords })
    .optional(),
  image: z.string({ error: () => t("image must be a library entry's id") }).max(64, {
    error: () => t("image must be a library entry's id"),
  }).optional(),
  pool: z.string({ error: () => t("pool must be a storage pool name") }).max(255),
  name: z.string({ error: () => t("name must be a volume name") }).max(255).optional(),
  checksum: z.string({ error: checksumWords }).max(200, { error: checksumWords })
    .refine((c) => parseChecksum(c) !== null, { error: checksumWords }).optional(),
  // Read as a URL before anything is fetched: a host no URL may have (a %09 in it) is refused here.
  checksumUrl: z.string({ error: sumsUrlWords }).max(2048, { error: sumsUrlWords })
    .refine((u) => /^https?:\/\//i.test(u) && URL.canParse(u), { error: sumsUrlWords })
    .optional(),
}, { code: "BAD_REQUEST" }).refine((b) => !(b.checksum && b.checksumUrl), {
  error: () => t("Give checksum or checksumUrl, not both"),
}).refine((b) => (b.url === undefined) !== (b.image === undefined), {
  error: () => t("Give url or image (a library entry), one of them"),
}).refine((b) => !(b.image && (b.checksum || b.checksumUrl)), {
  error: () => t("A library image brings its own checksum: give no checksum or checksumUrl"),
});

/** The codes DownloadBody's problems answer with. */
export const DOWNLOAD_CODES = {
  fields: { name: "INVALID_NAME", url: "URL_REFUSED", checksumUrl: "URL_REFUSED" },
} as const;

/** What a download's background run needs: #start hands it on to #run as it is. */
interface DownloadRun {
  record: DownloadRecord;
  remote: RemoteFile;
  stop: AbortController;
  task: TaskHandle | null;
  /** Bytes already in the volume (a download going on after a restart). */
  from: number;
  /** The volume's file as the resume opened it (closed when the run ends). */
  file?: PinnedFile;
  /** A new volume: when it was asked for and its size then (openVolumeSink checks it). */
  fresh?: { since: number; size: number };
}

interface Running {
  id: string;
  stop: AbortController;
  done: Promise<void>;
}

export class DownloadService {
  #running = new Set<Running>();

  constructor(
    private readonly deps: {
      client: LibvirtClient;
      emit: (e: AppEvent) => void;
      settings: ImageSettingsStore;
      volumes: VolumeService;
      library: ImageLibraryService;
      /** Test timings for the remote file (idle timeout, resume delay, deadline for headers). */
      remote?: { idleMs?: number; retryDelayMs?: number; headersTimeoutMs?: number };
      /** Tests: libvirt's upload stream even into a local folder pool (volume_sink.ts). */
      viaLibvirt?: boolean;
      /** Downloads under way, kept so a restarted server goes on with them. */
      records?: DownloadRecords;
      /** Where a download going on after a restart records its task, and for which host. */
      tasks?: TaskLog;
      hostId?: string;
    },
  ) {}

  #rules(): FetchRules {
    const { headersTimeoutMs } = this.deps.remote ?? {};
    return { allowed: this.deps.settings.allowedRanges(), headersTimeoutMs };
  }

  /**
   * Checks the request, asks the server for the file, makes the volume and goes on in the
   * background. Throws AppError before anything is made when the URL, the checksum or the
   * server's first answer refuses it.
   */
  async start(input: unknown): Promise<DownloadStarted> {
    const body = validated(DownloadBody, input, DOWNLOAD_CODES);
    checkExistingName(body.pool);
    // A library entry: its URL and checksum file through the local mirrors; with a pattern, its
    // file is the newest one its sums file (or folder) lists.
    const entry = body.image !== undefined ? this.deps.library.entry(body.image) : null;
    const wanted: Wanted = entry ?? {
      url: body.url!,
      checksumUrl: body.checksumUrl ?? null,
      checksum: body.checksum ?? null,
    };
    const resolver = new EntryResolver({
      rules: () => this.#rules(),
      mirrored: entry ? (u) => this.deps.settings.mirrored(u) : (u) => u,
    });
    checkUrlShape(entry ? this.deps.settings.mirrored(entry.url) : body.url!);
    // A name known before anything is fetched is checked first.
    if (!wanted.pattern) this.#volumeName(body.name, fileNameOf(new URL(wanted.url)));
    const resolved = await resolver.resolve(wanted);
    const source = resolved.url;
    const fileName = resolved.fileName;
    const packed = compressionOf(fileName);
    const name = this.#volumeName(body.name, fileName);
    const { maxDownloadBytes } = this.deps.settings.get();
    const rules = this.#rules();
    const checksum = resolved.checksum;
    await this.#mustBeNew(body.pool, name);

    const stop = new AbortController();
    const remote = await openRemoteFile(source, rules, {
      signal: stop.signal,
      maxBytes: maxDownloadBytes,
      ...this.deps.remote,
    });
    // Unpacked, the size is not known before the end: the file grows as it arrives.
    const capacity = packed ? 0 : remote.size ?? 0;
    const since = Date.now();
    let path: string;
    try {
      path = (await callMake(
        this.deps.client,
        "volumeCreate",
        body.pool,
        volumeXml(name, capacity, "raw"),
      )).path;
    } catch (err) {
      await remote.stream.cancel().catch(() => {});
      throw fromLibvirt(err, { failed: t("Failed to create volume {{name}}", { name }) });
    }
    this.deps.emit({ type: "storage-changed", pool: body.pool });

    const task = currentTask()?.follow() ?? null;
    task?.update({ target: { kind: "volume", id: `${body.pool}/${name}`, name } });
    task?.cancellable(() => stop.abort(new Error("cancelled")));
    const record: DownloadRecord = {
      id: crypto.randomUUID(),
      hostId: this.deps.hostId ?? "",
      user: task?.snapshot().user ?? "",
      url: source,
      pool: body.pool,
      name,
      path,
      packing: packed?.kind ?? null,
      checksum,
      maxBytes: maxDownloadBytes,
      validator: remote.validator,
      size: remote.size,
    };
    this.deps.records?.add(record);
    this.#start({ record, remote, stop, task, from: 0, fresh: { since, size: capacity } });
    return {
      pool: body.pool,
      name,
      taskId: task?.id ?? null,
      size: remote.size,
      checksum: checksum ? `${checksum.algorithm}:${checksum.hex}` : null,
    };
  }

  /**
   * Runs a download's rest in the background, from `from` bytes already in its volume (`file`,
   * opened by the resume, closed when the run ends).
   */
  #start({ record, remote, stop, task, from, file, fresh }: DownloadRun): void {
    const job: Running = { id: record.id, stop, done: Promise.resolve() };
    job.done = this.#run({ record, remote, stop, task, from, file, fresh })
      .finally(() => file?.close())
      .finally(() => this.#running.delete(job));
    this.#running.add(job);
  }

  /**
   * Goes on with the downloads a stop or crash of the server cut (this host's, not running): a
   * plain file in a folder pool from its last byte, with a new task; the rest deleted, saying
   * why. Called whenever the host connects.
   */
  async resumeInterrupted(): Promise<void> {
    const { records, tasks, client } = this.deps;
    if (!records || !tasks) return;
    const running = new Set([...this.#running].map((j) => j.id));
    for (const record of records.list()) {
      if (record.hostId !== (this.deps.hostId ?? "") || running.has(record.id)) continue;
      const { pool, name } = record;
      const task = tasks.start({
        action: "image.download",
        user: record.user,
        target: { kind: "volume", id: `${pool}/${name}`, name },
        hostId: record.hostId,
      });
      const stop = new AbortController();
      let file: PinnedFile | undefined;
      try {
        const why = await canResume(client, record);
        if (why) throw new AppError("DOWNLOAD_INTERRUPTED", why);
        // Opened before anything is read or written; written on through what was opened.
        file = await resumePoint(client, record);
        const from = file.size;
        const remote = await openRemoteFile(record.url, this.#rules(), {
          signal: stop.signal,
          maxBytes: record.maxBytes,
          from,
          validator: record.validator,
          ...this.deps.remote,
        });
        task.cancellable(() => stop.abort(new Error("cancelled")));
        this.#start({ record, remote, stop, task, from, file });
      } catch (err) {
        await file?.close();
        records.remove(record.id);
        await client.call("volumeDeleteIn", pool, name).catch(() => {});
        this.deps.emit({ type: "storage-changed", pool });
        task.fail(
          new AppError(
            "DOWNLOAD_INTERRUPTED",
            t(
              "The download of {{name}} was cut by a server restart and cannot go on: {{reason}}; it was deleted",
              {
                name,
                reason: (err as Error).message,
              },
            ),
          ),
        );
      }
    }
  }

  /** Resolves once every running download ended, however (tests, and callers without a task). */
  async idle(): Promise<void> {
    await Promise.all([...this.#running].map((j) => j.done));
  }

  /**
   * Stops every running download (the server is stopping): one that can go on after a restart
   * keeps its volume and record, the others delete theirs.
   */
  async close(): Promise<void> {
    const jobs = [...this.#running];
    for (const job of jobs) job.stop.abort(SERVER_STOPPED);
    await Promise.all(jobs.map((j) => j.done));
  }

  /** The new volume's name: the one asked for, else the file's without a packing ending. */
  #volumeName(asked: string | undefined, fileName: string): string {
    const name = asked ?? compressionOf(fileName)?.inner ?? fileName;
    const nameIssue = volumeNameIssue(name);
    if (nameIssue) {
      throw new AppError(
        "INVALID_NAME",
        asked === undefined
          ? t("The URL names no usable volume name ({{file}}): give one. {{rule}}", {
            file: fileName.slice(0, 100),
            rule: nameIssue,
          })
          : nameIssue,
        { field: "name" },
      );
    }
    return name;
  }

  async #mustBeNew(pool: string, name: string): Promise<void> {
    const vols = await this.deps.volumes.list(pool);
    if (vols.some((v) => v.name === name)) {
      throw new AppError(
        "ALREADY_EXISTS",
        t("Volume already exists in {{pool}}: {{name}}", { pool, name }),
        { field: "name" },
      );
    }
  }

  async #run(job: DownloadRun): Promise<void> {
    const { record, remote, task, stop } = job;
    const { pool, name, checksum, packing } = record;
    let received = job.from;
    const note = progressNotes(remote.size, (words) => task?.note(words));
    /** The checksum's thread where the sink does not take it (packed, or libvirt's stream). */
    let hash: PieceThread | null = null;
    // Each byte as it came from the server: hashed (the published sum is the file's) and counted.
    const seen = async (chunk: Uint8Array) => {
      received += chunk.length;
      if (remote.size) task?.progress(received / remote.size);
      note(received);
      await hash?.give(chunk);
    };
    const seenOnTheWay = new TransformStream<Uint8Array, Uint8Array>({
      async transform(chunk, controller) {
        await seen(chunk);
        controller.enqueue(chunk);
      },
    });
    let bytes: ReadableStream<Uint8Array> = remote.stream;
    let sink: VolumeSink | null = null;
    let kind: VolumeSink["kind"] | null = null;
    try {
      // A plain file into a folder pool is hashed where it is written (the bytes before `from`
      // too); otherwise on a thread of its own. Either way not on this one, which reads the network.
      sink = await openVolumeSink(this.deps.client, {
        pool,
        name,
        path: record.path,
        length: packing ? 0 : remote.size ?? 0,
      }, {
        viaLibvirt: this.deps.viaLibvirt,
        from: job.from,
        algorithm: packing ? null : checksum?.algorithm ?? null,
        signal: stop.signal,
        file: job.file,
        fresh: job.fresh,
      });
      kind = sink.kind;
      if (checksum && !sink.hashes) {
        hash = new PieceThread({ algorithm: checksum.algorithm, signal: stop.signal });
      }
      // Packed, the server's bytes are seen before the unpacker; else by the pump, each piece as
      // it goes to the sink (the server's bytes read straight into the pump's buffer, a hop less).
      if (packing) {
        bytes = await decompressed(packing, remote.stream.pipeThrough(seenOnTheWay));
      }
      await pump(bytes, sink, record.maxBytes - job.from, stop.signal, packing ? undefined : seen);
      const done = sink;
      sink = null;
      const written = await done.finish();
      if (checksum) {
        const got = hash ? await hash.finish() : written;
        if (got !== checksum.hex) {
          throw new AppError(
            "CHECKSUM_MISMATCH",
            t(
              "{{name}}: the {{algorithm}} checksum is {{got}}, the published one {{want}}; the download was deleted",
              {
                name,
                algorithm: checksum.algorithm,
                got,
                want: checksum.hex,
              },
            ),
          );
        }
      }
      await this.deps.client.call("poolRefresh", pool).catch(() => {});
      await this.#inspect(pool, name);
      this.deps.emit({ type: "storage-changed", pool });
      task?.succeed(
        t("Downloaded {{name}} into {{pool}}: {{bytes}} bytes{{resumed}}", {
          name,
          pool,
          bytes: String(received),
          resumed: job.from > 0
            ? t(" (resumed after the server restarted)")
            : remote.resumed() > 0
            ? t(" (resumed {{times}} times)", { times: String(remote.resumed()) })
            : "",
        }),
      );
      this.deps.records?.remove(record.id);
    } catch (err) {
      hash?.close();
      await bytes.cancel().catch(() => {});
      await sink?.abort();
      // Stopped with the server: kept to go on after the restart, where it can.
      if (
        stop.signal.reason === SERVER_STOPPED && kind === "file" &&
        await canResume(this.deps.client, record) === null
      ) {
        // What the file holds: pieces still on their way to the writing thread were dropped.
        const kept = await Deno.stat(record.path).then((f) => f.size, () => received);
        task?.fail(
          new AppError(
            "DOWNLOAD_INTERRUPTED",
            t(
              "The server stopped at byte {{at}} of {{name}}: the download goes on when it starts again",
              {
                at: String(kept),
                name,
              },
            ),
          ),
        );
        return;
      }
      this.deps.records?.remove(record.id);
      await this.deps.client.call("volumeDeleteIn", pool, name).catch(() => {});
      this.deps.emit({ type: "storage-changed", pool });
      if (stop.signal.aborted) {
        task?.cancelled(
          t("Download of {{name}} was stopped ({{reason}}); nothing was kept", {
            name,
            reason: (stop.signal.reason as Error)?.message ?? "cancelled",
          }),
        );
      } else {
        task?.fail(failure(err, name));
      }
    }
  }

  /** What arrived must be a disk image we may use: no backing file, a size its pool holds. */
  async #inspect(pool: string, name: string): Promise<void> {
    const vol = await this.deps.client.call("volumeGet", pool, name).catch((err) => {
      throw fromLibvirt(err, { failed: t("Failed to read volume {{name}}", { name }) });
    });
    const checked = await checkSourcePath({
      client: this.deps.client,
      path: vol.path,
      readonly: true,
      backing: false,
      sizes: true,
    });
    if ("refusal" in checked) throw sourceRefused(`Volume ${name}`, checked.refusal.reason);
  }
}

/** A download's error in the API's words: libvirt's, ours, or what broke the stream. */
function failure(err: unknown, name: string): Error {
  if (err instanceof AppError || err instanceof LibvirtError) {
    return fromLibvirt(err, { failed: t("Failed to download {{name}}", { name }) });
  }
  // The unpacker refused the data, or the stream broke in a way remote_file.ts did not word.
  return new AppError(
    "DOWNLOAD_INTERRUPTED",
    t("Download of {{name}} failed: {{reason}}; nothing was kept", {
      name,
      reason: (err as Error)?.message ?? String(err),
    }),
  );
}
