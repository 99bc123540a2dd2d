// How worker operations name a domain: by UUID, or by name when the id is not a UUID.

import type { Connection } from "./connection.ts";
import type { Domain } from "./domain.ts";

/** A libvirt UUID string (any case). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Finds a domain by UUID, or by name when `id` is not a UUID. Caller frees. */
export function findDomain(conn: Connection, id: string): Domain {
  return UUID.test(id) ? conn.lookupByUUID(id) : conn.lookupByName(id);
}
