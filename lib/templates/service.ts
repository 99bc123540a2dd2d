// VM templates: saved VmConfigs (without the VM's name) kept in the SQLite store.

import { z } from "zod";
import { AppError } from "../errors.ts";
import { isValidName, nameIssue } from "../../shared/names.ts";
import type { Store } from "../store.ts";
import type { VmTemplate } from "../../shared/templates.ts";
import type { VmConfig } from "../../shared/vms.ts";
import { validateVmConfig } from "../../shared/vm_config.ts";
import { t } from "../../shared/i18n/t.ts";
import { withHashedPassword } from "../cloud_init/password.ts";

/** What `create` takes; fields come from JSON bodies and are checked at run time. */
export interface TemplateInput {
  name: string;
  description?: string;
  /** A VmConfig without its name; a `name` key is dropped. */
  config: Omit<VmConfig, "name"> | Record<string, unknown>;
}

/** What `update` takes: the fields to replace (`config` is replaced whole, not merged). */
export type TemplatePatch = Partial<TemplateInput>;

/** The shared name rule (shared/names.ts) in the template's words, in the request's language. */
export const templateNameRule = (): string => nameIssue("template", null)!;
/** The same in English, as the API reference (and the tests) quote it. */
export const TEMPLATE_NAME_RULE = templateNameRule();
export const MAX_DESCRIPTION = 4096;

const invalid = (message: string) => new AppError("INVALID_TEMPLATE", message);
const notFound = (id: string) =>
  new AppError("TEMPLATE_NOT_FOUND", t("Template not found: {{id}}", { id }));
const nameTaken = (name: string) =>
  new AppError("TEMPLATE_NAME_EXISTS", t("Template name already exists: {{name}}", { name }));

const NOT_AN_OBJECT = () => t("Body must be a JSON object");

/**
 * The fields a template body may carry. Their rules are checkFields' (INVALID_TEMPLATE, read by
 * the service after a `fromVm` is looked up, as a missing VM is the first problem): here they are
 * described only.
 */
const TEMPLATE_FIELDS = {
  name: z.unknown().optional().meta({ description: `The template's name: ${TEMPLATE_NAME_RULE}` }),
  description: z.unknown().optional().meta({
    description: `Text of at most ${MAX_DESCRIPTION} characters`,
  }),
  config: z.unknown().optional().meta({
    description: "A VM config (as for creating a VM) without its name",
  }),
};

const FROM_VM = () => t("fromVm must be a VM id or name");

/** The body of `POST /api/templates`: a config, or the VM to take it from. */
export const TemplateCreateBody = z.object({
  ...TEMPLATE_FIELDS,
  fromVm: z.string({ error: FROM_VM }).min(1, { error: FROM_VM }).optional().meta({
    description: "An existing VM (id or name) whose config the template takes",
  }),
}, { error: NOT_AN_OBJECT }).refine((b) => b.config === undefined || b.fromVm === undefined, {
  // Before fromVm's own check, as the two are a problem of the body.
  when: ({ issues }) => !issues.some((i) => !i.path?.length),
  error: () => t("Give either config or fromVm, not both"),
});

/** The body of `PUT /api/templates/:id`: any of the fields, replaced whole. */
export const TemplatePatchBody = z.object(TEMPLATE_FIELDS, { error: NOT_AN_OBJECT });

interface Row {
  id: string;
  name: string;
  description: string;
  config: string;
  created_at: number;
  updated_at: number;
}

const COLUMNS = "id, name, description, config, created_at, updated_at";

/** CRUD for templates; every method throws AppError in the API's words. */
export class TemplateService {
  constructor(private readonly store: Store) {}

  /** All templates, by name. */
  list(): VmTemplate[] {
    return this.store.db
      .prepare(`SELECT ${COLUMNS} FROM templates ORDER BY name COLLATE NOCASE, name`)
      .all()
      .map((row) => toTemplate(row as unknown as Row));
  }

  /** One template; 404 TEMPLATE_NOT_FOUND when there is none with this id. */
  get(id: string): VmTemplate {
    const row = this.store.db.prepare(`SELECT ${COLUMNS} FROM templates WHERE id = ?`).get(id);
    if (!row) throw notFound(id);
    return toTemplate(row as unknown as Row);
  }

  /** Saves a new template; 400 INVALID_TEMPLATE, 409 TEMPLATE_NAME_EXISTS. */
  create(input: TemplateInput): VmTemplate {
    const fields = checkFields(input);
    const now = Date.now();
    const template: VmTemplate = {
      id: crypto.randomUUID(),
      ...fields,
      createdAt: now,
      updatedAt: now,
    };
    this.store.write(() => {
      this.#ensureNameFree(template.name, null);
      this.store.db
        .prepare(`INSERT INTO templates (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`)
        .run(
          template.id,
          template.name,
          template.description,
          JSON.stringify(template.config),
          now,
          now,
        );
    });
    return template;
  }

  /** Replaces the given fields; the result is checked like a new template. */
  update(id: string, patch: TemplatePatch): VmTemplate {
    return this.store.write(() => {
      const old = this.get(id);
      const fields = checkFields({
        name: patch.name === undefined ? old.name : patch.name,
        description: patch.description === undefined ? old.description : patch.description,
        config: patch.config === undefined ? old.config : patch.config,
      });
      this.#ensureNameFree(fields.name, id);
      const updatedAt = Date.now();
      this.store.db
        .prepare(
          "UPDATE templates SET name = ?, description = ?, config = ?, updated_at = ? WHERE id = ?",
        )
        .run(fields.name, fields.description, JSON.stringify(fields.config), updatedAt, id);
      return { ...old, ...fields, updatedAt };
    });
  }

  /** Removes a template; 404 TEMPLATE_NOT_FOUND when there is none with this id. */
  delete(id: string): void {
    this.store.write(() => {
      const { changes } = this.store.db.prepare("DELETE FROM templates WHERE id = ?").run(id);
      if (Number(changes) === 0) throw notFound(id);
    });
  }

  #ensureNameFree(name: string, exceptId: string | null) {
    const row = this.store.db.prepare("SELECT id FROM templates WHERE name = ?").get(name);
    if (row && row.id !== exceptId) throw nameTaken(name);
  }
}

/** Checks and normalises the user's fields; throws 400 INVALID_TEMPLATE with the first issue. */
function checkFields(input: unknown): Pick<VmTemplate, "name" | "description" | "config"> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw invalid(t("Template must be a JSON object"));
  }
  const { name, description = "", config } = input as Record<string, unknown>;

  // The one rule, as typed: a space or a byte order mark at either end is refused, not trimmed.
  if (typeof name !== "string" || !isValidName(name)) throw invalid(templateNameRule());
  if (typeof description !== "string" || description.length > MAX_DESCRIPTION) {
    throw invalid(
      t("Description must be text of at most {{max}} characters", { max: MAX_DESCRIPTION }),
    );
  }
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw invalid(t("Template config must be a JSON object"));
  }

  // A template never fixes the VM's name: a placeholder satisfies the name rule, then goes.
  const { name: _ignored, ...rest } = config as Record<string, unknown>;
  const result = validateVmConfig({ ...rest, name: "template" });
  if (!result.config) throw invalid(result.errors[0].message);
  const { name: _placeholder, ...checked } = result.config;
  // A password in clear is kept only as its hash (lib/cloud_init/password.ts).
  return { name, description, config: withHashedPassword(checked) };
}

function toTemplate(row: Row): VmTemplate {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    config: JSON.parse(row.config),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
