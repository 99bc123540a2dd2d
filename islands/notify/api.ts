// Browser calls of the notifications API (/api/notify): targets, their Test, and rules.

import { request } from "../../components/client/api.ts";
import {
  notifyRulePath,
  notifyRulesPath,
  notifyTargetPath,
  notifyTargetsPath,
  notifyTargetTestPath,
} from "../../shared/api_paths.ts";
import type { NotifyRule, NotifyTarget, TestResult } from "../../shared/notify.ts";

export const listTargets = () => request<NotifyTarget[]>("GET", notifyTargetsPath());
export const createTarget = (input: unknown) =>
  request<NotifyTarget>("POST", notifyTargetsPath(), input);
export const updateTarget = (id: string, input: unknown) =>
  request<NotifyTarget>("PUT", notifyTargetPath(id), input);
export const deleteTarget = (id: string) => request<void>("DELETE", notifyTargetPath(id));
export const testTarget = (id: string) => request<TestResult>("POST", notifyTargetTestPath(id));

export const listRules = () => request<NotifyRule[]>("GET", notifyRulesPath());
export const createRule = (input: unknown) => request<NotifyRule>("POST", notifyRulesPath(), input);
export const updateRule = (id: string, input: unknown) =>
  request<NotifyRule>("PUT", notifyRulePath(id), input);
export const deleteRule = (id: string) => request<void>("DELETE", notifyRulePath(id));
