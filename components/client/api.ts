// Browser calls to the JSON API; failures become ApiRequestError with the API's own message.

import type { ApiError } from "../../shared/errors.ts";
import type { VmTemplate } from "../../shared/templates.ts";
import type {
  FieldIssue,
  ValidationResult,
  Vm,
  VmAction,
  VmConfig,
  VmSummary,
} from "../../shared/vms.ts";
import type { PowerMethod } from "../../shared/guest.ts";
import {
  templateLinkedPath,
  templatePath,
  templatesPath,
  vmActionPath,
  vmDeletePlanPath,
  vmPath,
  vmsPath,
  vmsValidatePath,
} from "../../shared/api_paths.ts";
import { csrfToken } from "./session.ts";
import type { DeletePlan } from "../../shared/vm_delete.ts";
import { withHost } from "./host.ts";
import { t } from "../../shared/i18n/t.ts";

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

/** The API's error body (or a status line when there is none) as an ApiRequestError. */
export function errorOf(status: number, statusText: string, body: unknown): ApiRequestError {
  const e = body as Partial<ApiError> | null;
  return new ApiRequestError(
    status,
    e?.code ?? "HTTP_ERROR",
    e?.message ?? t("Request failed: {{status}} {{statusText}}", { status, statusText }),
    (e ?? {}) as Record<string, unknown>,
  );
}

/** A fresh Idempotency-Key: getRandomValues, since randomUUID needs HTTPS off loopback. */
function newKey(): string {
  return Array.from(
    crypto.getRandomValues(new Uint8Array(16)),
    (b) => b.toString(16).padStart(2, "0"),
  )
    .join("");
}

/**
 * `fetch`, sent again (twice at most) when it fails on the way — no answer came — with the same
 * Idempotency-Key on a change, so the server answers a change it already made from its first
 * answer instead of making it twice (routes/middleware/idempotency.ts). Why: a browser on the
 * host itself fails requests in flight whenever the host's network changes (Chromium's
 * ERR_NETWORK_CHANGED), and creating a network or reverting a running VM changes it: the change
 * was made, yet the page said "Cannot reach KVM Manager: Failed to fetch".
 */
export async function fetchRetrying(url: string, init: RequestInit = {}): Promise<Response> {
  const method = (init.method ?? "GET").toUpperCase();
  const headers = new Headers(init.headers);
  if (method !== "GET" && method !== "HEAD") headers.set("idempotency-key", newKey());
  for (let attempt = 0;; attempt++) {
    try {
      return await fetch(url, { ...init, headers });
    } catch (err) {
      if (attempt >= 2 || (err as Error).name === "AbortError") throw err;
      await new Promise((r) => setTimeout(r, 250 * (attempt + 1)));
    }
  }
}

/** One request with an optional JSON body; a failure status throws the API's error. */
export async function send(method: string, path: string, body?: unknown): Promise<Response> {
  let res: Response;
  try {
    res = await fetchRetrying(withHost(path), {
      method,
      headers: body === undefined ? { accept: "application/json", "x-csrf-token": csrfToken() } : {
        accept: "application/json",
        "content-type": "application/json",
        "x-csrf-token": csrfToken(),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiRequestError(
      0,
      "NETWORK",
      t("Cannot reach KVM Manager: {{reason}}", { reason: (err as Error).message }),
    );
  }
  if (!res.ok) throw errorOf(res.status, res.statusText, await res.json().catch(() => null));
  return res;
}

/** One JSON request; a 204 resolves to undefined. */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await send(method, path, body);
  return (res.status === 204 ? undefined : await res.json().catch(() => null)) as T;
}

/** An upload in flight: its answer, and a way to stop it. */
export interface Upload<T> {
  done: Promise<T>;
  abort(): void;
}

/** Rejection of an upload stopped with abort(). */
export class UploadCancelled extends Error {
  override name = "UploadCancelled";
  constructor() {
    super(t("Upload cancelled"));
  }
}

/**
 * PUTs `file` as the raw body of `path`. XMLHttpRequest rather than fetch: only it reports
 * upload progress (xhr.upload.onprogress), and a File body gives the request its
 * Content-Length. Volume uploads and guest file uploads both go through here.
 */
export function putFile<T>(
  path: string,
  file: Blob,
  onProgress: (loaded: number, total: number) => void,
): Upload<T> {
  const xhr = new XMLHttpRequest();
  const done = new Promise<T>((resolve, reject) => {
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch { /* not JSON: the status line says it */ }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else reject(errorOf(xhr.status, xhr.statusText, body));
    };
    xhr.onerror = () =>
      reject(
        new ApiRequestError(0, "NETWORK", t("Cannot reach KVM Manager: the upload failed")),
      );
    xhr.onabort = () => reject(new UploadCancelled());
  });
  xhr.open("PUT", withHost(path));
  xhr.setRequestHeader("accept", "application/json");
  xhr.setRequestHeader("content-type", "application/octet-stream");
  xhr.setRequestHeader("x-csrf-token", csrfToken());
  xhr.send(file);
  return { done, abort: () => xhr.abort() };
}

export const listVms = () => request<VmSummary[]>("GET", vmsPath());
export const getVm = (id: string) => request<Vm>("GET", vmPath(id));

/** `method` says how a stop or reboot reached the guest (agent or ACPI button). */
export const runAction = (id: string, action: VmAction) =>
  request<{ ok: true; method?: PowerMethod }>("POST", vmActionPath(id, action));

/** Deletes the VM and exactly the disk paths in `volumes` (from its delete plan). */
export const deleteVm = (id: string, volumes: string[], host?: string) =>
  request<{ ok: true }>("DELETE", withHost(vmPath(id), host), { volumes });

/** What deleting the VM would do to each of its disks. */
export const getDeletePlan = (id: string, host?: string) =>
  request<DeletePlan>("GET", withHost(vmDeletePlanPath(id), host));

export const validateVm = (config: VmConfig) =>
  request<ValidationResult>("POST", vmsValidatePath(), config);

export const createVm = (config: VmConfig) =>
  request<{ id: string; name: string; warnings: FieldIssue[] }>("POST", vmsPath(), config);

/** What POST /api/templates takes: a config, or `fromVm` (an id or name) to copy a VM's. */
export type TemplateBody =
  & { name: string; description?: string }
  & ({ config: Omit<VmConfig, "name"> } | { fromVm: string });

export const listTemplates = () => request<VmTemplate[]>("GET", templatesPath());
export const createTemplate = (body: TemplateBody) =>
  request<VmTemplate>("POST", templatesPath(), body);
export const updateTemplate = (
  id: string,
  patch: Partial<{ name: string; description: string; config: Omit<VmConfig, "name"> }>,
) => request<VmTemplate>("PUT", templatePath(id), patch);
export const deleteTemplate = (id: string) => request<{ ok: true }>("DELETE", templatePath(id));
/** The VMs made from a template as linked clones of its base image. */
export const templateLinked = (id: string) =>
  request<{ baseImagePath: string | null; clones: { name: string; vms: string[] }[] }>(
    "GET",
    templateLinkedPath(id),
  );

export const errorMessage = (err: unknown) => err instanceof Error ? err.message : String(err);
