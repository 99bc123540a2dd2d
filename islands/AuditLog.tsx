// /audit: the audit log, filtered by user, action, target, result and time, newest first, with
// "Load older" paging and a Refresh. The filter lives in the page's address, so it can be linked.

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { AuditEntry } from "../shared/audit.ts";
import { errorMessage, listVms } from "../components/client/api.ts";
import { listActions, listAudit } from "./audit/api.ts";
import { AuditFilters } from "./audit/AuditFilters.tsx";
import { AuditTable } from "./audit/AuditTable.tsx";
import { draftOfParams, EMPTY_DRAFT, type FilterDraft, paramsOfDraft } from "./audit/filter.ts";
import { Card } from "../components/kit/Card.tsx";
import { ErrorNotice } from "../components/kit/Notice.tsx";
import { t } from "../shared/i18n/t.ts";

export default function AuditLog(_props: Record<string, unknown>) {
  const draft = useSignal<FilterDraft>(EMPTY_DRAFT);
  /** The parameters of the entries shown (the draft as last applied). */
  const applied = useSignal(new URLSearchParams());
  const entries = useSignal<AuditEntry[] | null>(null);
  const nextBefore = useSignal<number | null>(null);
  const actions = useSignal<string[]>([]);
  const vmNames = useSignal<Record<string, string>>({});
  const error = useSignal<string | null>(null);
  const loading = useSignal(true);
  const hydrated = useSignal(false);
  // A later load wins: an older answer arriving after it is dropped.
  const latest = useRef(0);

  const load = async (before: number | null) => {
    const ticket = ++latest.current;
    loading.value = true;
    try {
      const page = await listAudit(applied.value, before);
      if (ticket !== latest.current) return;
      entries.value = before === null ? page.entries : [...entries.value ?? [], ...page.entries];
      nextBefore.value = page.nextBefore;
      error.value = null;
    } catch (err) {
      if (ticket === latest.current) error.value = errorMessage(err);
    } finally {
      if (ticket === latest.current) loading.value = false;
    }
  };
  const refresh = () => {
    listActions().then((a) => actions.value = a, () => {});
    return load(null);
  };

  const apply = (next: FilterDraft) => {
    let params: URLSearchParams;
    try {
      params = paramsOfDraft(next);
    } catch (err) {
      error.value = errorMessage(err);
      return;
    }
    draft.value = next;
    applied.value = params;
    const q = params.toString();
    history.replaceState(null, "", q ? `?${q}` : location.pathname);
    load(null);
  };

  useEffect(() => {
    hydrated.value = true;
    const params = new URLSearchParams(location.search);
    draft.value = draftOfParams(params);
    applied.value = paramsOfDraft(draft.value);
    refresh();
    // Names for VM targets; without them the UUID is shown.
    listVms().then(
      (vms) => vmNames.value = Object.fromEntries(vms.map((v) => [v.id, v.name])),
      () => {},
    );
  }, []);

  return (
    <div>
      <section class="card" aria-labelledby="audit-filter-title">
        <h2 id="audit-filter-title" class="sr-only">{t("Filter")}</h2>
        <AuditFilters
          draft={draft.value}
          actions={actions.value}
          busy={!hydrated.value}
          onChange={(d) => draft.value = d}
          onApply={() => apply(draft.value)}
          onClear={() => apply(EMPTY_DRAFT)}
        />
      </section>
      <ErrorNotice message={error.value} />
      <Card
        id="audit-entries"
        title={t("Entries")}
        actions={
          <button
            type="button"
            class="button"
            aria-busy={loading.value}
            disabled={loading.value}
            onClick={refresh}
          >
            {t("Refresh")}
          </button>
        }
      >
        <AuditTable
          entries={entries.value}
          vmNames={vmNames.value}
          onFilter={(field, value) => apply({ ...draft.value, [field]: value })}
        />
        {nextBefore.value !== null && (
          <div class="audit-more">
            <button
              type="button"
              class="button"
              disabled={loading.value}
              onClick={() => load(nextBefore.value)}
            >
              {t("Load older")}
            </button>
          </div>
        )}
      </Card>
    </div>
  );
}
