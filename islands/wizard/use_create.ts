// The Create button's work: optionally save a template, POST /api/vms, follow its progress events.

import { type Signal, useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { FieldIssue, VmConfig } from "../../shared/vms.ts";
import {
  ApiRequestError,
  createTemplate,
  createVm,
  errorMessage,
  updateTemplate,
} from "../../components/client/api.ts";
import { subscribeEvents } from "../../components/client/events.ts";
import { carryToasts } from "../../components/client/toasts.tsx";

export interface ProgressStep {
  step: string;
  index: number;
  total: number;
}

export interface CreateState {
  phase: "idle" | "working" | "done" | "failed";
  progress: ProgressStep[];
  /** The failure in the API's words. */
  message?: string;
  /** Field errors of a refused config (400 INVALID_CONFIG, 409 NAME_EXISTS). */
  errors: FieldIssue[];
  warnings: FieldIssue[];
  created?: { id: string; name: string };
  /** The template this wizard saved, kept so a retry updates it rather than clash with it. */
  templateSaved?: { id: string; name: string };
}

const IDLE: CreateState = { phase: "idle", progress: [], errors: [], warnings: [] };

/** Where the browser goes once the VM exists. */
export const vmUrl = (id: string) => `/vms/${encodeURIComponent(id)}`;

export function useCreate(): {
  state: Signal<CreateState>;
  create: (config: VmConfig, templateName: string | null) => Promise<void>;
} {
  const state = useSignal<CreateState>(IDLE);
  const creating = useRef<string | null>(null);

  // Subscribed from the start: the stream must already be open when the first step is sent.
  useEffect(() =>
    subscribeEvents((e) => {
      if (e.type !== "vm-create-progress" || e.name !== creating.current) return;
      const { step, index, total } = e;
      const progress = [...state.value.progress.filter((p) => p.index !== index), {
        step,
        index,
        total,
      }].sort((a, b) => a.index - b.index);
      state.value = { ...state.value, progress };
    }), []);

  const create = async (config: VmConfig, templateName: string | null) => {
    let templateSaved = state.value.templateSaved;
    state.value = { ...IDLE, phase: "working", templateSaved };
    creating.current = config.name;
    try {
      // The template first: a refused template name should stop before anything is made.
      // Starting is a choice for this one VM, not part of the template.
      if (templateName !== null) {
        const { name: _vmName, start: _start, ...rest } = config;
        const saved = templateSaved?.name === templateName
          ? await updateTemplate(templateSaved.id, { config: rest })
          : await createTemplate({ name: templateName, config: rest });
        templateSaved = { id: saved.id, name: saved.name };
        state.value = { ...state.value, templateSaved };
      }
      const created = await createVm(config);
      state.value = {
        ...state.value,
        phase: "done",
        created: { id: created.id, name: created.name },
        warnings: created.warnings,
      };
      // Warnings such as "failed to start" would vanish with the page, so those stay shown.
      if (created.warnings.length === 0) {
        await lastStepShown(state);
        // The result's toast is read on the new VM's page.
        carryToasts();
        location.assign(vmUrl(created.id));
      }
    } catch (err) {
      const body = err instanceof ApiRequestError ? err.body : {};
      state.value = {
        ...state.value,
        phase: "failed",
        message: errorMessage(err),
        errors: Array.isArray(body.errors) ? body.errors as FieldIssue[] : [],
        warnings: Array.isArray(body.warnings) ? body.warnings as FieldIssue[] : [],
        templateSaved,
      };
    } finally {
      creating.current = null;
    }
  };

  return { state, create };
}

/**
 * Waits (up to `ms`) until the last progress step has arrived. The steps travel on the event
 * stream, apart from the POST's answer, and a quick creation could answer first: the page then
 * left before showing what was done.
 */
async function lastStepShown(state: Signal<CreateState>, ms = 1000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until && !state.value.progress.some((p) => p.index === p.total)) {
    await new Promise((r) => setTimeout(r, 25));
  }
}
