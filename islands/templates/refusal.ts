// Which field of the template form a refused save is about, read from the API's answer: the
// template service names no fields, so its codes and its rules' own words tell.

import type { ApiRequestError } from "../../components/client/api.ts";

export type TemplateField = "name" | "description" | "cpuCount" | "memoryMb" | "diskSizeGb";

// The create-config rules (shared/vm_config.ts) and the service's own, by how their words begin,
// in English and in German (the server answers in the page's language: shared/i18n/de/create.ts
// says these rules so).
const BY_WORDS: [RegExp, TemplateField][] = [
  [/^(Invalid template name|Ungültiger Vorlagenname)\b/, "name"],
  [/^(Description|Die Beschreibung)\b/, "description"],
  [/^(Invalid CPU count|CPU count|Ungültige CPU-Anzahl|CPU-Anzahl)\b/, "cpuCount"],
  [/^(Invalid memory size|Memory|Ungültige Arbeitsspeichergröße|Arbeitsspeicher)\b/, "memoryMb"],
  [/^(Invalid disk size|Disk size|Ungültige Datenträgergröße|Datenträgergröße)\b/, "diskSizeGb"],
];

/** The field a refusal belongs on, or null when it is about the whole template. */
export function refusalField(err: ApiRequestError): TemplateField | null {
  if (err.code === "TEMPLATE_NAME_EXISTS") return "name";
  if (err.code !== "INVALID_TEMPLATE") return null;
  return BY_WORDS.find(([words]) => words.test(err.message))?.[1] ?? null;
}
