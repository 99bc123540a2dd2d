// The audit entries, newest first: when, who and how, what on which target, and how it ended
// in the API's words. A user or target is a button that filters on it.

import type { AuditEntry } from "../../shared/audit.ts";
import { RESULT_BADGES, RESULT_LABELS, timeWords, viaWords } from "./format.ts";

interface Props {
  /** Null while the first page loads. */
  entries: AuditEntry[] | null;
  /** VM names by UUID, so a VM target reads as its name. */
  vmNames: Record<string, string>;
  onFilter: (field: "user" | "target", value: string) => void;
}

export function AuditTable({ entries, vmNames, onFilter }: Props) {
  return (
    <div class="table-scroll">
      <table class="table audit-table">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">User</th>
            <th scope="col">Via</th>
            <th scope="col">Action</th>
            <th scope="col">Target</th>
            <th scope="col">Result</th>
            <th scope="col" class="num">Status</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {(entries?.length ?? 0) === 0 && (
            <tr>
              <td colSpan={8} class="muted empty">
                {entries === null ? "Loading the audit log…" : "No entries match."}
              </td>
            </tr>
          )}
          {entries?.map((e) => (
            <tr key={e.id} data-entry={e.id}>
              <td class="audit-time">
                <time dateTime={e.at} title={e.at}>{timeWords(e.at)}</time>
              </td>
              <td>
                {e.user === "-" ? <span class="muted">—</span> : (
                  <button
                    type="button"
                    class="link-button"
                    title={`Only ${e.user}`}
                    onClick={() => onFilter("user", e.user)}
                  >
                    {e.user}
                  </button>
                )}
                {e.ip && <div class="muted small">{e.ip}</div>}
              </td>
              <td>{viaWords(e)}</td>
              <td class="audit-action" title={`${e.method} ${e.path}`}>{e.action}</td>
              <td class="audit-target">
                {e.target === null ? <span class="muted">—</span> : (
                  <button
                    type="button"
                    class="link-button"
                    title={`Only ${e.target}`}
                    onClick={() => onFilter("target", e.target!)}
                  >
                    {vmNames[e.target] ?? e.target}
                  </button>
                )}
              </td>
              <td>
                <span class={RESULT_BADGES[e.result]}>{RESULT_LABELS[e.result]}</span>
              </td>
              <td class="num">{e.status}</td>
              <td class="audit-message" title={e.errorCode ?? undefined}>
                {e.message ?? e.errorCode ?? ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
