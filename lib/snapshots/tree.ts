// Orders a VM's snapshots as a tree: roots by creation time, each followed by its descendants
// depth-first, siblings by creation time (ties by name: libvirt keeps whole seconds).

import type { SnapshotFacts } from "./xml.ts";
import type { SnapshotInfo } from "../../shared/snapshots.ts";

/** One listed snapshot: its facts and whether it is the current one. */
export type SnapshotEntry = SnapshotFacts & { current: boolean };

const byTime = (a: SnapshotEntry, b: SnapshotEntry) =>
  a.createdAt - b.createdAt || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * The snapshots in tree order with parent, children and depth filled in. A snapshot whose
 * parent is not listed (libvirt lost it) is shown as a root rather than dropped.
 */
export function snapshotTree(entries: SnapshotEntry[]): SnapshotInfo[] {
  const names = new Set(entries.map((e) => e.name));
  const kids = new Map<string | null, SnapshotEntry[]>();
  for (const e of entries) {
    const parent = e.parent !== null && names.has(e.parent) ? e.parent : null;
    const list = kids.get(parent) ?? [];
    list.push({ ...e, parent });
    kids.set(parent, list);
  }
  for (const list of kids.values()) list.sort(byTime);

  const out: SnapshotInfo[] = [];
  // Iterative depth-first walk: a long chain of snapshots must not exhaust the stack.
  const stack: { entry: SnapshotEntry; depth: number }[] = (kids.get(null) ?? [])
    .map((entry) => ({ entry, depth: 0 })).reverse();
  while (stack.length) {
    const { entry, depth } = stack.pop()!;
    const children = kids.get(entry.name) ?? [];
    out.push({
      name: entry.name,
      description: entry.description,
      state: entry.state,
      createdAt: new Date(entry.createdAt).toISOString(),
      parent: entry.parent,
      children: children.map((c) => c.name),
      depth,
      current: entry.current,
      memory: entry.memory,
    });
    for (let i = children.length - 1; i >= 0; i--) {
      stack.push({ entry: children[i], depth: depth + 1 });
    }
  }
  return out;
}

/** `name` and every snapshot below it, in tree order. */
export function withDescendants(tree: SnapshotInfo[], name: string): string[] {
  const i = tree.findIndex((s) => s.name === name);
  if (i < 0) return [];
  const out = [name];
  for (let j = i + 1; j < tree.length && tree[j].depth > tree[i].depth; j++) out.push(tree[j].name);
  return out;
}
