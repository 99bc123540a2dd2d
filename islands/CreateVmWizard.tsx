// The create-VM wizard's step machine: the draft in signals, validation as you type, navigation.

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { VmTemplate } from "../shared/templates.ts";
import type { VmConfig } from "../shared/vms.ts";
import { sizeText } from "../shared/units.ts";
import { t } from "../shared/i18n/t.ts";
import { validateVmConfig } from "../shared/vm_config.ts";
import { currentRole, isAdmin } from "../components/client/session.ts";
import {
  type Draft,
  draftFromConfig,
  draftToConfig,
  initialDraft,
  sizeIssues,
  type StepId,
  stepOfField,
  STEPS,
  withSizeIssues,
} from "./wizard/draft.ts";
import type { Issues } from "../components/kit/Field.tsx";
import { mergeIssues, stillValid } from "./wizard/issues.ts";
import { hostFacts, type VariantChoice, type WizardOptions } from "./wizard/options.ts";
import { StepBasics } from "./wizard/StepBasics.tsx";
import { ANTI_SPOOFING_DEFAULT, StepNetwork } from "./wizard/StepNetwork.tsx";
import { store, stored } from "../components/client/stored.ts";
import { defaultPool, LAST_POOL } from "./wizard/defaults.ts";
import { StepOsMedia } from "./wizard/StepOsMedia.tsx";
import { StepNav } from "./wizard/StepNav.tsx";
import { StepResources } from "./wizard/StepResources.tsx";
import { StepReview } from "./wizard/StepReview.tsx";
import type { StepProps } from "./wizard/step.ts";
import { useCreate } from "./wizard/use_create.ts";
import { useServerCheck } from "./wizard/use_server_check.ts";
import { windowsDefaults } from "./wizard/windows.ts";

interface Props {
  options: WizardOptions;
  templates: VmTemplate[];
  /** The template to start from ("" for none), from `?template=`. */
  templateId: string;
  /** A library image to start from (`?image=`): a linked clone of it, its OS and user. */
  prefill?: Partial<VmConfig> | null;
  [key: string]: unknown;
}

// The resources an OS variant's recommendation fills in, unless the user chose them already,
// written as the field shows them.
const RECOMMENDED = [
  ["cpuCount", "cpus", String],
  ["memoryMb", "memoryMb", (mb: number) => sizeText(mb, "MiB")],
  ["diskSizeGb", "diskGb", (gb: number) => sizeText(gb, "GiB")],
] as const;

/** A template's resources count as chosen. */
const templateChosen = () => RECOMMENDED.map(([key]) => key);

/** A start's resources count as chosen: its disk size, and its CPUs and memory when it has them. */
const prefilledFields = (prefill: Partial<VmConfig>) =>
  RECOMMENDED.map(([key]) => key).filter((key) =>
    key === "diskSizeGb" || prefill[key] !== undefined
  );

function withTemplate(base: Draft, template: VmTemplate | undefined): Draft {
  return template ? draftFromConfig(template.config, base) : base;
}

export default function CreateVmWizard(
  { options, templates, templateId: initialTemplate, prefill }: Props,
) {
  const fresh = () => initialDraft(options);
  const draft = useSignal<Draft>(
    prefill
      ? draftFromConfig(prefill, fresh())
      : withTemplate(fresh(), templates.find((t) => t.id === initialTemplate)),
  );
  const templateId = useSignal(
    templates.some((t) => t.id === initialTemplate) ? initialTemplate : "",
  );
  const step = useSignal(0);
  const hydrated = useSignal(false);
  const saveTemplate = useSignal(false);
  const templateName = useSignal("");
  // Fields the user (or a template) chose, which an OS variant's recommendation must not overwrite.
  const touched = useRef(
    new Set<keyof Draft>(
      templateId.value
        ? [...templateChosen(), "storagePool"]
        : prefill
        ? [...prefilledFields(prefill), ...(prefill.storagePool ? ["storagePool" as const] : [])]
        : [],
    ),
  );
  const { state: createState, create } = useCreate();

  const body = useRef<HTMLFormElement>(null);

  // The pool the disk goes to, unless chosen: the ISO's, else this browser's last, else default.
  const followPool = (d: Draft): Draft =>
    touched.current.has("storagePool") ? d : {
      ...d,
      storagePool: defaultPool(options, {
        isoPath: d.media === "iso" ? d.isoPath : "",
        lastPool: stored(LAST_POOL),
      }),
    };

  useEffect(() => {
    hydrated.value = true;
    draft.value = followPool(draft.value);
    // The anti-spoofing choice this browser made last, for a VM without a template's choice.
    if (stored(ANTI_SPOOFING_DEFAULT) === "on" && !templateId.value) {
      draft.value = { ...draft.value, antiSpoofing: true };
    }
  }, []);

  // Each step opens at its top with its first field focused: keyboard and screen-reader users
  // land on the new step, not on a button that moved, and nobody starts halfway down it.
  useEffect(() => {
    if (!hydrated.value) return;
    scrollTo({ top: 0 });
    body.current?.querySelector<HTMLElement>(
      // deno-lint-ignore translate/untranslated-text -- a CSS selector, not words
      "input:not(:disabled), select:not(:disabled), textarea:not(:disabled)",
    )?.focus({ preventScroll: true });
  }, [step.value, hydrated.value]);

  const config = draftToConfig(draft.value, { cloudInitAvailable: options.cloudInitAvailable });
  const checked = validateVmConfig(config, hostFacts(options));
  const local = { ...checked, errors: withSizeIssues(checked.errors, sizeIssues(draft.value)) };
  // Only admins create VMs, and only they may ask the server to check a config.
  const admin = hydrated.value && isAdmin();
  const { check, now } = useServerCheck(config, admin && local.errors.length === 0);
  const server = check.value;
  const created = createState.value;
  const errors = mergeIssues(
    local.errors,
    stillValid(server.errors, server.config, config),
    created.phase === "failed" ? created.errors : [],
  );
  const warnings = mergeIssues(local.warnings, stillValid(server.warnings, server.config, config));
  const stepErrors = (id: StepId) => errors.filter((e) => stepOfField(e.field) === id);

  const issues: Issues = {
    errors: (field) =>
      // A fresh wizard's empty name is not a mistake yet; Next stays disabled all the same.
      field === "name" && draft.value.name === "" && !touched.current.has("name")
        ? []
        : errors.filter((e) => e.field === field).map((e) => e.message),
    warnings: (field) => warnings.filter((w) => w.field === field).map((w) => w.message),
  };

  const update = (patch: Partial<Draft>, touch: boolean) => {
    const keys = touch ? Object.keys(patch) as (keyof Draft)[] : [];
    for (const k of keys) touched.current.add(k);
    let next = { ...draft.value, ...patch };
    // A Windows guest's driver CD, bus, firmware and TPM follow its variant and driver CD.
    if ("osType" in patch || "osVariant" in patch || "virtioDrivers" in patch) {
      const variant = options.osVariants.find((v) => v.id === next.osVariant);
      next = { ...next, ...windowsDefaults(next, variant, options, touched.current) };
    }
    draft.value = "isoPath" in patch || "media" in patch ? followPool(next) : next;
    // A refused request's errors are about the config as it was sent.
    if (createState.value.phase === "failed") {
      createState.value = { ...createState.value, phase: "idle", errors: [] };
    }
  };

  const onVariant = (v: VariantChoice | null) => {
    const patch: Partial<Draft> = { osVariant: v?.id ?? "" };
    if (v) patch.osType = v.osType;
    update(patch, true);
    const defaults: Partial<Draft> = {};
    for (const [key, from, written] of RECOMMENDED) {
      const value = v?.[from];
      if (value && !touched.current.has(key)) defaults[key] = written(value);
    }
    update(defaults, false);
  };

  const onTemplate = (id: string) => {
    templateId.value = id;
    const base = { ...fresh(), name: draft.value.name, description: draft.value.description };
    const template = templates.find((t) => t.id === id);
    draft.value = withTemplate(base, template);
    const nameTouched = touched.current.has("name");
    touched.current = new Set(template ? [...templateChosen(), "storagePool"] : []);
    if (nameTouched) touched.current.add("name");
    if (!template) draft.value = followPool(draft.value);
    const url = new URL(location.href);
    if (id) url.searchParams.set("template", id);
    else url.searchParams.delete("template");
    history.replaceState(null, "", url);
  };

  const goTo = (index: number) => {
    step.value = index;
    if (STEPS[index].id === "review") now();
  };
  const reachable = (index: number) =>
    STEPS.slice(0, index).every((s) => stepErrors(s.id).length === 0);

  const onCreate = () => {
    // The next new VM in this browser starts on the same pool.
    if (config.storagePool) store(LAST_POOL, config.storagePool);
    const name = templateName.value.trim() || draft.value.name;
    create(config, saveTemplate.value ? name : null);
  };

  const current = STEPS[step.value];
  const blocked = stepErrors(current.id).length > 0;
  const props: StepProps = {
    draft: draft.value,
    set: (patch) => update(patch, true),
    options,
    issues,
    disabled: !hydrated.value,
  };

  if (hydrated.value && !admin) {
    return (
      <p class="notice notice-error" role="alert">
        {t("Your role ({{role}}) may not create VMs: ask an admin.", { role: currentRole() })}
      </p>
    );
  }
  return (
    <div class="wizard">
      <StepNav
        current={step.value}
        reachable={reachable}
        disabled={!hydrated.value}
        onGo={goTo}
      />
      <form class="wizard-body" ref={body} noValidate onSubmit={(e) => e.preventDefault()}>
        {current.id === "basics" && (
          <StepBasics
            {...props}
            templates={templates}
            templateId={templateId.value}
            onTemplate={onTemplate}
          />
        )}
        {current.id === "os" && <StepOsMedia {...props} onVariant={onVariant} />}
        {current.id === "resources" && <StepResources {...props} />}
        {current.id === "network" && <StepNetwork {...props} />}
        {current.id === "review" && (
          <StepReview
            {...props}
            errors={errors.map((e) => ({ ...e, step: stepOfField(e.field) }))}
            warnings={warnings}
            server={server}
            saveTemplate={saveTemplate.value}
            templateName={templateName.value}
            onTemplateChange={(save, name) => {
              saveTemplate.value = save;
              templateName.value = name;
            }}
            create={created}
            onCreate={onCreate}
            goTo={(id) => goTo(STEPS.findIndex((s) => s.id === id))}
          />
        )}
        <div class="wizard-nav">
          <button
            type="button"
            class="button"
            disabled={!hydrated.value || step.value === 0 || created.phase === "working"}
            onClick={() => goTo(step.value - 1)}
          >
            {t("Back")}
          </button>
          {current.id !== "review" && (
            <button
              type="button"
              class="button button-primary"
              disabled={!hydrated.value || blocked}
              onClick={() => goTo(step.value + 1)}
            >
              {t("Next")}
            </button>
          )}
          {current.id !== "review" && blocked && (
            <span class="muted" role="status">
              {issues.errors("name").length === 0 && current.id === "basics"
                ? t("Enter a name to continue.")
                : t("Fix the problems above to continue.")}
            </span>
          )}
        </div>
      </form>
    </div>
  );
}
