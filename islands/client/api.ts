// Browser calls to the JSON API; failures become ApiRequestError with the API's own message.

import type { ApiError, Vm, VmAction, VmStats, VmSummary } from "../../lib/types.ts";

export class ApiRequestError extends Error {
  override name = "ApiRequestError";
  constructor(readonly status: number, readonly code: string, message: string) {
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

export const errorMessage = (err: unknown) => err instanceof Error ? err.message : String(err);
