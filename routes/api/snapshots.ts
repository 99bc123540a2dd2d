// Snapshot API of one VM (mounted at /api/vms): list as a tree, create, revert and delete.

import { z } from "zod";
import type { AppContext } from "../../lib/context.ts";
import { badRequest } from "../../lib/errors.ts";
import { SNAPSHOT_CODES, SnapshotBody } from "../../lib/snapshots/input.ts";
import { DeclaredApp, reply } from "../declare.ts";
import { VM_ID } from "./vms.ts";
import { t } from "../../shared/i18n/t.ts";

/** `?children=true|false` (absent: false); anything else is a 400. */
function childrenFlag(value: string | undefined): boolean {
  if (value === undefined || value === "false") return false;
  if (value === "true") return true;
  throw badRequest(
    t("children must be true or false, not {{value}}", { value: JSON.stringify(value) }),
  );
}

const SNAPSHOT = { name: z.string().meta({ description: "The snapshot's name" }) };

export function snapshotRoutes({ snapshots }: AppContext): DeclaredApp {
  // Snapshots live in libvirt, not in the app store.
  const app = new DeclaredApp({ access: "admin", writesStore: false, params: VM_ID });

  app.GET("/:id/snapshots", "A VM's snapshots, as a tree", {
    access: "read",
    answer: "SnapshotList",
  }, reply(({ id }) => snapshots.list(id)));

  app.POST("/:id/snapshots", "Take a snapshot of a VM", { // An empty body means "all defaults" (a generated name, memory when running).
    body: { schema: SnapshotBody, empty: {}, ...SNAPSHOT_CODES },
    responses: { 201: "The snapshot" },
    answer: "SnapshotInfo",
  }, reply(({ id }, body) => snapshots.create(id, body)));

  app.POST("/:id/snapshots/:name/revert", "Revert a VM to a snapshot", {
    params: SNAPSHOT,
    answer: "SnapshotReverted",
  }, reply(({ id, name }) => snapshots.revert(id, name)));

  app.DELETE("/:id/snapshots/:name", "Delete a snapshot, and its children if asked", {
    params: SNAPSHOT,
    answer: "SnapshotsDeleted",
    query: {
      children: z.string().optional().meta({
        description: "true to delete the snapshot's descendants too (default false)",
      }),
    },
  }, async (c) => {
    const children = childrenFlag(c.req.query("children"));
    return c.json(await snapshots.delete(c.req.param("id"), c.req.param("name"), { children }));
  });

  return app;
}
