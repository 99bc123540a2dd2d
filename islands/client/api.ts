// Browser calls to the JSON API; failures become ApiRequestError with the API's own message.

import type {
  ApiError,
  FieldIssue,
  ValidationResult,
  Vm,
  VmAction,
  VmConfig,
  VmStats,
  VmSummary,
  VmTemplate,
} from "../../lib/types.ts";

export class ApiRequestError extends Error {
  override name = "ApiRequestError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The whole error body, e.g. `errors` and `warnings` of a refused VmConfig. */
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { accept: "application/json", ...init.headers } });
  } catch (err) {
    throw new ApiRequestError(0, "NETWORK", `Cannot reach KVM Manager: ${(err as Error).message}`);
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const e = body as Partial<ApiError> | null;
    throw new ApiRequestError(
      res.status,
      e?.code ?? "HTTP_ERROR",
      e?.message ?? `Request failed: ${res.status} ${res.statusText}`,
      e ?? {},
    );
  }
  return body as T;
}

const vmPath = (id: string) => `/api/vms/${encodeURIComponent(id)}`;

export const listVms = () => api<VmSummary[]>("/api/vms");
export const getVm = (id: string) => api<Vm>(vmPath(id));
export const getStats = (id: string) => api<VmStats>(`${vmPath(id)}/stats`);

export const runAction = (id: string, action: VmAction) =>
  api<{ ok: true }>(`${vmPath(id)}/${action}`, { method: "POST" });

export const deleteVm = (id: string, deleteDisks: boolean) =>
  api<{ ok: true }>(vmPath(id), {
    method: "DELETE",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ deleteDisks }),
  });

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

export const validateVm = (config: VmConfig) =>
  api<ValidationResult>("/api/vms/validate", json("POST", config));

export const createVm = (config: VmConfig) =>
  api<{ id: string; name: string; warnings: FieldIssue[] }>("/api/vms", json("POST", config));

const templatePath = (id: string) => `/api/templates/${encodeURIComponent(id)}`;

/** What POST /api/templates takes: a config, or `fromVm` (an id or name) to copy a VM's. */
export type TemplateBody =
  & { name: string; description?: string }
  & ({ config: Omit<VmConfig, "name"> } | { fromVm: string });

export const listTemplates = () => api<VmTemplate[]>("/api/templates");
export const createTemplate = (body: TemplateBody) =>
  api<VmTemplate>("/api/templates", json("POST", body));
export const updateTemplate = (
  id: string,
  patch: Partial<{ name: string; description: string; config: Omit<VmConfig, "name"> }>,
) => api<VmTemplate>(templatePath(id), json("PUT", patch));
export const deleteTemplate = (id: string) =>
  api<{ ok: true }>(templatePath(id), { method: "DELETE" });

export const errorMessage = (err: unknown) => err instanceof Error ? err.message : String(err);
