// The worker operation that migrates a domain: virDomainMigrate3 with both connections held by
// this process ("managed direct" migration: libvirt's client library drives the source and the
// destination). It blocks for the whole migration, so it runs only on a worker of its own
// (LibvirtClient.openTransfer) and never under an ordinary call deadline.

import type { Connection } from "../connection.ts";
import { Domain } from "../domain.ts";
import { checkPointer } from "../error.ts";
import { findDomain } from "../find_domain.ts";
import { lv } from "../library.ts";
import { type MigrateParams, migrateParams, MigrationTarget } from "../migrate.ts";
import { encodeTypedParams, releaseParams } from "../typed_params.ts";
import type { KeepAlive } from "../protocol.ts";

/** One migration as the worker receives it. */
export interface MigrateRequest extends MigrateParams {
  /** The destination's libvirt URI, opened on this worker for this migration only. */
  destUri: string;
  /** virDomainMigrateFlags (ffi/libvirt/migrate.ts MigrateFlags). */
  flags: number;
  keepAlive: KeepAlive;
}

export const migrateOps = {
  /**
   * Migrates domain `id` of this worker's connection to `req.destUri` and returns the domain
   * as the destination names it. Throws the call's own LibvirtError (this thread's last error).
   */
  migrate(conn: Connection, id: string, req: MigrateRequest): { uuid: string; name: string } {
    using dom = findDomain(conn, id);
    using target = MigrationTarget.open(req.destUri, req.keepAlive);
    const params = encodeTypedParams(migrateParams(req));
    const moved = lv().virDomainMigrate3(
      dom.rawHandle(),
      target.rawHandle(),
      params.array,
      params.count,
      req.flags,
    );
    // The strings the parameters point to had to outlive the call; now they may go.
    releaseParams(params);
    // A reference on the destination's domain: freed before the connection closes.
    using result = new Domain(checkPointer(moved, "virDomainMigrate3"));
    return { uuid: result.getUUIDString(), name: result.getName() };
  },
};
