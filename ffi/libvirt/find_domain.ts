// How worker operations name a domain: by UUID, or by name when the id is not a UUID.

import type { Connection } from "./connection.ts";
import type { Domain } from "./domain.ts";

/**
 * A libvirt UUID string (any case). Spelled without the i flag: zod copies it into the OpenAPI
 * document, and a JSON Schema pattern has no flags.
 */
export const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Finds a domain by UUID, or by name when `id` is not a UUID. Caller frees. */
export function findDomain(conn: Connection, id: string): Domain {
  return UUID.test(id) ? conn.lookupByUUID(id) : conn.lookupByName(id);
}
