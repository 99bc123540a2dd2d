// Browser calls of the notifications API (/api/notify): targets, their Test, and rules.

import { request } from "../../components/client/api.ts";
import { itemCalls } from "../../components/kit/item_calls.ts";
import {
  notifyRulePath,
  notifyRulesPath,
  notifyTargetPath,
  notifyTargetsPath,
  notifyTargetTestPath,
} from "../../shared/api_paths.ts";
import type { NotifyRule, NotifyTarget, TestResult } from "../../shared/notify.ts";

export const targetCalls = itemCalls<NotifyTarget>(notifyTargetsPath, notifyTargetPath);
export const testTarget = (id: string) => request<TestResult>("POST", notifyTargetTestPath(id));

export const ruleCalls = itemCalls<NotifyRule>(notifyRulesPath, notifyRulePath);
