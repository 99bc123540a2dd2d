// Storage volume XML for new volumes (https://libvirt.org/formatstorage.html#storage-volume-xml),
// built, never concatenated.

import { XMLBuilder } from "fast-xml-parser";

const volumeBuilder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@" });

/**
 * Volume XML for a new, sparse disk. qcow2 volumes are made version 3 (compat 1.1): libvirt 9.0
 * would make version 2, which cannot keep the dirty bitmaps incremental backups need.
 */
export function volumeXml(name: string, bytes: number, format: string): string {
  return volumeBuilder.build({
    volume: {
      name,
      capacity: { "@unit": "bytes", "#text": bytes },
      allocation: { "@unit": "bytes", "#text": 0 },
      target: format === "qcow2"
        ? { format: { "@type": format }, compat: "1.1" }
        : { format: { "@type": format } },
    },
  }) as string;
}

/**
 * A qcow2 overlay of `base` (a linked clone): made at once whatever the base's size, writes go
 * to it and reads fall through to the base, which is only read.
 */
export function overlayXml(
  name: string,
  bytes: number,
  base: { path: string; format: string },
): string {
  return volumeBuilder.build({
    volume: {
      name,
      capacity: { "@unit": "bytes", "#text": bytes },
      allocation: { "@unit": "bytes", "#text": 0 },
      target: { format: { "@type": "qcow2" }, compat: "1.1" },
      backingStore: { path: base.path, format: { "@type": base.format } },
    },
  }) as string;
}
