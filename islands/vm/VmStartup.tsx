// The "Start at boot" card of /vms/:id/advanced: the VM's place in the host's start sequence
// (order, up-delay, waiting for its guest agent, shutdown timeout), saved as its boot order
// (PUT /api/vms/:id/startup) or removed (DELETE), a refusal shown on the field it names.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { StartupOrder, VmStartup as Startup } from "../../shared/startup.ts";
import {
  DEFAULT_DOWN_TIMEOUT,
  STARTUP_DELAY_MAX,
  STARTUP_ORDER_MAX,
} from "../../shared/startup.ts";
import { vmPath } from "../../shared/api_paths.ts";
import { ApiRequestError, errorMessage, request } from "../../components/client/api.ts";
import { Card } from "../../components/kit/Card.tsx";
import { Field } from "../../components/kit/Field.tsx";
import { Checkbox } from "../../components/kit/controls.tsx";
import { ErrorNotice } from "../../components/kit/Notice.tsx";
import { SaveButtons, useAction } from "../../components/kit/use_action.tsx";
import { t, tKey } from "../../shared/i18n/t.ts";

interface Props {
  vmId: string;
  vmName: string;
  [key: string]: unknown;
}

type NumberField = "order" | "upDelay" | "downTimeout";

interface Draft {
  on: boolean;
  order: string;
  upDelay: string;
  downTimeout: string;
  waitForAgent: boolean;
}

const FIELDS: { field: NumberField; label: string; hint: string; max: number }[] = [
  {
    field: "order",
    label: tKey("Order"),
    hint: tKey("Lower numbers start first"),
    max: STARTUP_ORDER_MAX,
  },
  {
    field: "upDelay",
    label: tKey("Up-delay (seconds)"),
    hint: tKey("Before the next VM starts"),
    max: STARTUP_DELAY_MAX,
  },
  {
    field: "downTimeout",
    label: tKey("Shutdown timeout (seconds)"),
    hint: tKey("Then a stop in order forces it off"),
    max: STARTUP_DELAY_MAX,
  },
];

const startupPath = (id: string) => `${vmPath(id)}/startup`;

function draftOf(s: StartupOrder | null): Draft {
  return {
    on: s !== null,
    order: String(s?.order ?? 10),
    upDelay: String(s?.upDelay ?? 0),
    downTimeout: String(s?.downTimeout ?? DEFAULT_DOWN_TIMEOUT),
    waitForAgent: s?.waitForAgent ?? false,
  };
}

/** A number field as sent: a number when it reads as one, else as typed (the API says why not). */
const numberOf = (value: string): number | string =>
  value.trim() !== "" && Number.isFinite(Number(value)) ? Number(value) : value;

export default function VmStartup({ vmId, vmName }: Props) {
  const saved = useSignal<Startup | null>(null);
  const draft = useSignal<Draft>(draftOf(null));
  const loadError = useSignal<string | null>(null);
  const fieldError = useSignal<{ field: string; message: string } | null>(null);
  const save = useAction();

  useEffect(() => {
    request<Startup>("GET", startupPath(vmId)).then((s) => {
      saved.value = s;
      draft.value = draftOf(s.startup);
    }, (err) => loadError.value = errorMessage(err));
  }, [vmId]);

  const set = (change: Partial<Draft>) => {
    draft.value = { ...draft.value, ...change };
    fieldError.value = null;
  };
  const d = draft.value;
  const s = saved.value;

  const submit = (e: Event) => {
    e.preventDefault();
    fieldError.value = null;
    save.run(async () => {
      try {
        if (d.on) {
          saved.value = await request<Startup>("PUT", startupPath(vmId), {
            order: numberOf(d.order),
            upDelay: numberOf(d.upDelay),
            waitForAgent: d.waitForAgent,
            downTimeout: numberOf(d.downTimeout),
          });
        } else if (s?.startup) {
          saved.value = await request<Startup>("DELETE", startupPath(vmId));
        } else return t("Nothing changed.");
      } catch (err) {
        const field = err instanceof ApiRequestError ? err.body.field : undefined;
        if (typeof field === "string" && FIELDS.some((f) => f.field === field)) {
          fieldError.value = { field, message: err instanceof Error ? err.message : String(err) };
          return null;
        }
        throw err;
      }
      draft.value = draftOf(saved.value.startup);
      return saved.value.startup
        ? t("{{name}} starts with the host in order {{order}}.", {
          name: vmName,
          order: saved.value.startup.order,
        })
        : t("{{name}} has no boot order any more.", { name: vmName });
    });
  };

  const errorsOf = (field: string) =>
    fieldError.value?.field === field ? [fieldError.value.message] : [];

  return (
    <Card id="startup" title={t("Start at boot")}>
      <form class="startup-form" noValidate onSubmit={submit}>
        <p class="muted">
          {t(
            "When the host boots, the VMs with a boot order start one after another, lowest order first, each after the delay of the one before it.",
          )}
        </p>
        <ErrorNotice message={loadError.value} />
        <Checkbox
          label={t("Start with the host, in order")}
          checked={d.on}
          disabled={s === null}
          onChecked={(on) => set({ on })}
        />
        {d.on && (
          <>
            <div class="field-row">
              {FIELDS.map(({ field, label, hint, max }) => (
                <Field
                  key={field}
                  id={`startup-${field}`}
                  label={t(label)}
                  hint={t(hint)}
                  errors={errorsOf(field)}
                >
                  {(a) => (
                    <input
                      {...a}
                      type="number"
                      inputMode="numeric"
                      min={0}
                      max={max}
                      step={1}
                      value={d[field]}
                      onInput={(e) => set({ [field]: e.currentTarget.value })}
                    />
                  )}
                </Field>
              ))}
            </div>
            <Checkbox
              label={t("End the up-delay early once its QEMU guest agent answers")}
              checked={d.waitForAgent}
              onChecked={(waitForAgent) => set({ waitForAgent })}
            />
          </>
        )}
        {s && !d.on && s.libvirtAutostart && (
          <p class="field-hint">
            {t("libvirt's autostart is on: it starts when libvirtd starts, with no order.")}
          </p>
        )}
        <SaveButtons action={save} disabled={s === null} adminOnly />
      </form>
    </Card>
  );
}
