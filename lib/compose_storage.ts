// One host's storage and image services for the composition root (compose.ts): pools, volumes,
// the image library and downloads. Kept apart so the root stays one readable page; the image
// settings are app-wide, so a remote host takes the local's.

import type { LibvirtClient } from "../ffi/libvirt/client.ts";
import type { AppEvent } from "../shared/events.ts";
import { type Config, DEFAULT_STORAGE_ROOTS } from "./config.ts";
import type { Store } from "./store.ts";
import type { TaskLog } from "./tasks/log.ts";
import { PoolService } from "./storage/pools.ts";
import { VolumeService } from "./storage/volumes.ts";
import { setMaxImageBytes } from "./storage/image_bounds.ts";
import { DownloadService } from "./images/downloads.ts";
import { DownloadRecords } from "./images/download_records.ts";
import { ImageSettingsStore } from "./images/settings.ts";
import { ImageLibraryService } from "./images/library.ts";

/** The storage and image services of one host. */
export function composeStorage({ config, client, store, emit, tasks, hostId, shared }: {
  config: Config;
  client: LibvirtClient;
  store: Store;
  emit: (e: AppEvent) => void;
  tasks: TaskLog;
  hostId: string;
  /** A remote host's: the local host's app-wide settings. */
  shared?: { imageSettings: ImageSettingsStore };
}) {
  const pools = new PoolService(client, config.storageRoots ?? DEFAULT_STORAGE_ROOTS, emit);
  const volumes = new VolumeService(client, emit);
  // The bound on images to convert or import is app-wide, like the configuration it comes from.
  setMaxImageBytes(config.maxImageBytes);
  const imageSettings = shared?.imageSettings ?? new ImageSettingsStore(store);
  const imageLibrary = new ImageLibraryService({ settings: imageSettings, pools, volumes });
  const downloads = new DownloadService({
    client,
    emit,
    settings: imageSettings,
    volumes,
    library: imageLibrary,
    records: new DownloadRecords(store),
    tasks,
    hostId,
  });
  return { pools, volumes, imageSettings, imageLibrary, downloads };
}
