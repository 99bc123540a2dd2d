// The floor every list benchmark prints beside its figure: the same libvirt work done directly
// through FFI on this thread (list, then name, UUID and info of each domain), median of 7.

import { Connection } from "../ffi/libvirt/connection.ts";

export function listFloorMs(uri: string): number {
  const conn = Connection.open(uri);
  const floors: number[] = [];
  try {
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      for (const d of conn.listAllDomains()) {
        d.getName();
        d.getUUIDString();
        d.getInfo();
        d.free();
      }
      floors.push(performance.now() - t);
    }
  } finally {
    conn.close();
  }
  return floors.sort((a, b) => a - b)[Math.floor(floors.length / 2)];
}
