// Browser calls to /api/acme; failures carry the API's own message (and the field it is about).

import type { AcmeInfo } from "../../shared/acme.ts";
import { acmeOrderPath, acmePath } from "../../shared/api_paths.ts";
import { request } from "../../components/client/api.ts";

export const getAcme = () => request<AcmeInfo>("GET", acmePath());
export const saveAcme = (body: Record<string, unknown>) =>
  request<AcmeInfo>("PUT", acmePath(), body);
export const removeAcme = () => request<AcmeInfo>("DELETE", acmePath());
export const orderCertificate = () => request<AcmeInfo>("POST", acmeOrderPath());
