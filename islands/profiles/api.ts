// Browser calls of the profiles API (per host, like every VM route): profiles, their export and
// import, and a VM's assignment, effective policy and local overrides.

import type {
  AddOverrideResult,
  AssignResult,
  DeleteProfileResult,
  ImportPreview,
  ImportResult,
  PolicySetting,
  ProfileDetails,
  ProfileInput,
  ProfileSummary,
  RemoveOverrideResult,
  UnassignResult,
  UpdateProfileResult,
  VmPolicy,
} from "../../shared/profiles.ts";
import {
  profileExportPath,
  profilePath,
  profilesImportPath,
  profilesImportPreviewPath,
  profilesPath,
  vmOverridePath,
  vmOverridesPath,
  vmPolicyPath,
  vmProfilePath,
} from "../../shared/api_paths.ts";
import { ApiRequestError, errorOf, fetchRetrying, request } from "../../components/client/api.ts";
import { withHost } from "../../components/client/host.ts";
import { csrfToken } from "../../components/client/session.ts";
import { t } from "../../shared/i18n/t.ts";

export const listProfiles = () => request<ProfileSummary[]>("GET", profilesPath());
export const getProfile = (id: string) => request<ProfileDetails>("GET", profilePath(id));
export const createProfile = (input: ProfileInput) =>
  request<ProfileDetails>("POST", profilesPath(), input);
export const updateProfile = (id: string, patch: Partial<ProfileInput>) =>
  request<UpdateProfileResult>("PATCH", profilePath(id), patch);
export const deleteProfile = (id: string) =>
  request<DeleteProfileResult>("DELETE", profilePath(id));

/** Where the export downloads from (GET, the session cookie; keeps the page's host). */
export const exportHref = (id: string) => withHost(profileExportPath(id));

/** POSTs a file's text as it is (not re-encoded: the server judges its JSON). */
async function postText<T>(url: string, text: string): Promise<T> {
  let res: Response;
  try {
    res = await fetchRetrying(withHost(url), {
      method: "POST",
      headers: {
        accept: "application/json",
        "content-type": "application/json",
        "x-csrf-token": csrfToken(),
      },
      body: text,
    });
  } catch (err) {
    throw new ApiRequestError(
      0,
      "NETWORK",
      t("Cannot reach KVM Manager: {{reason}}", { reason: (err as Error).message }),
    );
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) throw errorOf(res.status, res.statusText, body);
  return body as T;
}

export const previewImport = (text: string) =>
  postText<ImportPreview>(profilesImportPreviewPath(), text);
export const importProfile = (text: string, renameTo?: string) =>
  postText<ImportResult>(
    renameTo === undefined
      ? profilesImportPath()
      : `${profilesImportPath()}?renameTo=${encodeURIComponent(renameTo)}`,
    text,
  );

export const assignProfile = (vmId: string, profileId: string) =>
  request<AssignResult>("PUT", vmProfilePath(vmId), { profileId });
export const unassignProfile = (vmId: string) =>
  request<UnassignResult>("DELETE", vmProfilePath(vmId));
export const getVmPolicy = (vmId: string) => request<VmPolicy>("GET", vmPolicyPath(vmId));
export const addOverride = (vmId: string, setting: PolicySetting) =>
  request<AddOverrideResult>("POST", vmOverridesPath(vmId), setting);
export const removeOverride = (vmId: string, key: string) =>
  request<RemoveOverrideResult>(
    "DELETE",
    vmOverridePath(vmId, key),
  );
