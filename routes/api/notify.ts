// Notifications API (mounted at /api/notify): targets (e-mail, ntfy, Gotify, webhook) with their
// Test button, and the rules that send events to them. Admins only, reads included: a target
// names where mail goes and a webhook's URL may carry a token. Secrets are never answered.

import type { NotifyService } from "../../lib/notify/service.ts";
import { RuleBody, TargetBody } from "../../lib/notify/input.ts";
import { DeclaredApp, reply } from "../declare.ts";
// For its ContextVariableMap entry: c.get("identity").
import type {} from "../middleware/auth.ts";

export function notifyRoutes(notify: NotifyService): DeclaredApp {
  const app = new DeclaredApp({ access: "admin", writesStore: true });

  app.GET("/targets", "List notification targets, each with its last delivery (secrets never)", {
    answer: "NotifyTargetList",
  }, reply(() => notify.listTargets()));
  app.POST("/targets", "Create a notification target", {
    audit: "notify-target.create",
    body: { schema: TargetBody, check: false },
    responses: { 201: "The target" },
    answer: "NotifyTarget",
  }, reply((_, body) => notify.createTarget(body)));
  app.PUT("/targets/:id", "Replace a notification target (an omitted secret is kept)", {
    audit: "notify-target.update",
    body: { schema: TargetBody, check: false },
    answer: "NotifyTarget",
  }, reply(({ id }, body) => notify.replaceTarget(id, body)));
  app.DELETE("/targets/:id", "Delete a notification target no rule sends to", {
    audit: "notify-target.delete",
    responses: { 204: "Deleted" },
  }, reply(({ id }) => notify.deleteTarget(id)));
  app.POST("/targets/:id/test", "Send a test message to a target now", {
    audit: "notify-target.test",
    answer: "NotifyTestResult",
  }, reply(({ id }) => notify.test(id)));

  app.GET("/rules", "List notification rules, each with its last delivery", {
    answer: "NotifyRuleList",
  }, reply(() => notify.listRules()));
  app.POST("/rules", "Create a notification rule", {
    audit: "notify-rule.create",
    body: { schema: RuleBody, check: false },
    responses: { 201: "The rule" },
    answer: "NotifyRule",
  }, reply((_, body) => notify.createRule(body)));
  app.PUT("/rules/:id", "Replace a notification rule", {
    audit: "notify-rule.update",
    body: { schema: RuleBody, check: false },
    answer: "NotifyRule",
  }, reply(({ id }, body) => notify.replaceRule(id, body)));
  app.DELETE("/rules/:id", "Delete a notification rule", {
    audit: "notify-rule.delete",
    responses: { 204: "Deleted" },
  }, reply(({ id }) => notify.deleteRule(id)));
  return app;
}
