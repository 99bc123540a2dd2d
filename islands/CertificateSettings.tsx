// /settings: the server's HTTPS certificate. What is served now and until when; with ACME, the CA,
// names and challenge (islands/certificate/AcmeFields.tsx), Save, Order now (answers once the CA
// has issued and the server serves it), Turn off, the last order's outcome and the next renewal.

import { useSignal } from "@preact/signals";
import { Fragment } from "preact";
import { useEffect } from "preact/hooks";
import type { AcmeInfo } from "../shared/acme.ts";
import { ApiRequestError, errorMessage } from "../components/client/api.ts";
import { Card } from "../components/kit/Card.tsx";
import { Button } from "../components/kit/Button.tsx";
import { ErrorNotice, Notice } from "../components/kit/Notice.tsx";
import { OutcomeNote, SaveButtons, useAction } from "../components/kit/use_action.tsx";
import { FactList } from "../components/kit/FactList.tsx";
import { formatDateTime } from "../shared/i18n/format.ts";
import { t } from "../shared/i18n/t.ts";
import { type AcmeDraft, bodyOf, draftOf } from "./certificate/draft.ts";
import { AcmeFields } from "./certificate/AcmeFields.tsx";
import { getAcme, orderCertificate, removeAcme, saveAcme } from "./certificate/api.ts";

/** Fields a refusal may name (`{"field": …}`): its words go under that field. */
const FIELDS = [
  "directoryUrl",
  "email",
  "domains",
  "challenge",
  "caFile",
  "renewDays",
  "termsAgreed",
];

export default function CertificateSettings(_props: Record<string, unknown>) {
  const info = useSignal<AcmeInfo | null>(null);
  const loadError = useSignal<string | null>(null);
  const draft = useSignal<AcmeDraft>(draftOf(null, []));
  const refused = useSignal<{ field: string; message: string } | null>(null);
  const save = useAction();
  const order = useAction();

  const show = (next: AcmeInfo, resetDraft: boolean) => {
    info.value = next;
    if (resetDraft) draft.value = draftOf(next.settings, next.hooks);
  };
  useEffect(() => {
    getAcme().then((i) => show(i, true)).catch((err) => loadError.value = errorMessage(err));
  }, []);

  const set = (change: Partial<AcmeDraft>) => {
    draft.value = { ...draft.value, ...change };
    refused.value = null;
  };

  const submit = (e: Event) => {
    e.preventDefault();
    refused.value = null;
    save.run(async () => {
      try {
        show(await saveAcme(bodyOf(draft.value)), true);
      } catch (err) {
        const field = err instanceof ApiRequestError ? err.body.field : undefined;
        if (typeof field === "string" && FIELDS.includes(field)) {
          refused.value = { field, message: (err as Error).message };
          return null;
        }
        throw err;
      }
      return t("Saved. Order a certificate to use it.");
    });
  };
  const orderNow = () => {
    save.outcome.value = null;
    return order.run(async () => {
      try {
        const next = await orderCertificate();
        show(next, false);
        return t("The certificate for {{names}} is served now.", {
          names: next.certificate?.domains.join(", ") ?? "",
        });
      } finally {
        // The failure is kept too (lastOrder), with when it happened.
        getAcme().then((i) => show(i, false), () => {});
      }
    });
  };
  const turnOff = () => {
    order.outcome.value = null;
    return save.run(async () => {
      show(await removeAcme(), true);
      return t("ACME is off. The certificate served stays until it is replaced.");
    });
  };

  const i = info.value;
  const errorsOf = (field: string) => refused.value?.field === field ? [refused.value.message] : [];
  return (
    <Card
      id="certificate"
      title={t("HTTPS certificate")}
      intro={t(
        "Get the certificate from an ACME CA (Let's Encrypt, or an internal step-ca) instead of the self-signed one; it renews by itself.",
      )}
    >
      <ErrorNotice message={loadError.value} />
      {i && <Served info={i} />}
      {i?.unavailable
        ? <Notice tone="info">{i.unavailable}</Notice>
        : (
          <form class="acme-form" noValidate onSubmit={submit}>
            <AcmeFields
              draft={draft.value}
              set={set}
              hooks={i?.hooks ?? []}
              hookDir={i?.hookDir ?? ""}
              errorsOf={errorsOf}
              disabled={!i}
            />
            <SaveButtons action={save} disabled={!i} adminOnly>
              <Button
                class="needs-admin"
                disabled={!i?.settings || order.busy.value || i.ordering}
                busy={order.busy.value}
                onClick={orderNow}
              >
                {t("Order certificate now")}
              </Button>
              {i?.settings && (
                <Button class="needs-admin" kind="danger" onClick={turnOff}>
                  {t("Turn off")}
                </Button>
              )}
            </SaveButtons>
            {order.busy.value && (
              <p class="field-hint" role="status">
                {t("Ordering: the CA checks this server, which takes seconds to a minute.")}
              </p>
            )}
            {!order.busy.value && <OutcomeNote outcome={order.outcome.value} />}
          </form>
        )}
    </Card>
  );
}

/** What is served now, what ACME got last, when it renews and how the last order went. */
function Served({ info: i }: { info: AcmeInfo }) {
  const cert = i.certificate;
  const fromAcme = cert !== null && i.served?.fingerprint === cert.fingerprint;
  return (
    <FactList
      label={t("HTTPS certificate")}
      facts={[
        i.served && [
          t("Served now"),
          <Fragment key="served">
            {fromAcme
              ? t("From {{issuer}} for {{names}}, valid until {{until}}", {
                issuer: cert.issuer,
                names: cert.domains.join(", "),
                until: formatDateTime(i.served.notAfter),
              })
              : t("Valid until {{until}}", { until: formatDateTime(i.served.notAfter) })}
            <br />
            <span class="muted fingerprint">
              {t("SHA-256 {{fingerprint}}", { fingerprint: i.served.fingerprint })}
            </span>
          </Fragment>,
        ],
        i.renewAt !== null && [t("Renews"), formatDateTime(i.renewAt)],
        i.lastOrder !== null && !i.lastOrder.ok && [
          t("Last order"),
          t("Failed {{when}}: {{message}}", {
            when: formatDateTime(i.lastOrder.at),
            message: i.lastOrder.error?.message ?? "",
          }),
          "field-error",
        ],
      ]}
    />
  );
}
