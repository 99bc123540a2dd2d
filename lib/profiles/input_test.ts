// The profile bodies' schemas: the contract's words and fields, a container's problem before its
// parts', and a checked body that checks the same again (the service checks what the route did).

import { assertEquals, assertThrows } from "../../tests/support/assert.ts";
import { AppError } from "../errors.ts";
import { parseProfileFile } from "./file.ts";
import { checkAssign, checkCreateBody, checkPatchBody, checkSetting } from "./input.ts";

/** The refusal's [status, code, message, field]. */
function refusal(check: () => unknown): [number, string, string, unknown] {
  const err = assertThrows(check, AppError);
  return [err.status, err.code, err.message, (err.details?.details as { field?: string })?.field];
}

const POLICY = {
  agent: { allowedDirectories: ["/srv/www/"], allowedCommands: ["uptime"] },
  alerts: [{ name: "cpu-high", metric: "cpu", threshold: 90 }],
  backup: { timing: { kind: "weekly", days: [3, 1, 1], time: "02:30" }, timezone: "utc" },
  tags: ["web", "web", "prod"],
};

Deno.test("profile input - a body is read normalised, and reads the same a second time", () => {
  const body = checkCreateBody({ name: "Web", description: " Front ", ...POLICY });
  assertEquals(body, {
    name: "Web",
    description: "Front",
    agent: {
      allowedDirectories: ["/srv/www"],
      allowedCommands: ["uptime"],
      disallowedCommands: [],
    },
    alerts: [{
      name: "cpu-high",
      metric: "cpu",
      threshold: 90,
      consecutive: 3,
      severity: "warning",
      enabled: true,
      webhookUrl: null,
    }],
    backup: {
      timing: { kind: "weekly", days: [1, 3], time: "02:30" },
      timezone: "UTC",
      mode: "auto",
      keep: 7,
    },
    tags: ["web", "prod"],
  });
  assertEquals(checkCreateBody(body), body);
  assertEquals(checkPatchBody({ tags: [] }), { tags: [] });
  assertEquals(checkPatchBody({ description: "", agent: null }), {
    description: null,
    agent: null,
  });
});

Deno.test("profile input - the whole before its parts, in the order the fields are listed", () => {
  const bad = { name: "p", agent: { allowedDirectories: ["relative"], other: 1 } };
  assertEquals(refusal(() => checkCreateBody(bad)), [
    400,
    "InvalidFormat",
    'agent: unknown field "other" (expected allowedDirectories, allowedCommands, disallowedCommands, allowedServices, allowAgentUpdate)',
    "agent",
  ]);
  assertEquals(refusal(() => checkCreateBody({ ...bad, colour: "blue" }))[3], "body");
  assertEquals(refusal(() => checkCreateBody({ name: "", tags: 5 })).slice(1, 2), ["InvalidName"]);
  // A list of strings: a non-string refuses the list; entries are named after repeats are gone.
  assertEquals(
    refusal(() => checkCreateBody({ name: "p", agent: { allowedCommands: ["a", 1] } })).slice(2),
    ["agent.allowedCommands: must be a list of strings", "agent.allowedCommands"],
  );
  assertEquals(
    refusal(() =>
      checkCreateBody({ name: "p", agent: { allowedDirectories: ["/a", " /a", "rel"] } })
    ).slice(2),
    ['agent.allowedDirectories[1]: "rel" is not absolute', "agent.allowedDirectories[1]"],
  );
  // Alert rules in turn: a repeated name is found before a later rule's problem.
  const rule = (name: string, threshold = 5) => ({ name, metric: "cpu", threshold });
  assertEquals(
    refusal(() => checkCreateBody({ name: "p", alerts: [rule("a"), rule("A"), rule("b", 900)] }))
      .slice(2),
    ["alerts[1]: two rules are named A", "alerts[1]"],
  );
  assertEquals(
    refusal(() => checkCreateBody({ name: "p", alerts: [rule("a"), rule("b", 900), rule("A")] }))
      .slice(2),
    ["alerts[1]: threshold must be a number from 0 to 100 for cpu (percent)", "alerts[1]"],
  );
  // The zone before the timing, both the backup's; the timing's own repeat rule names it.
  const backup = (b: object) => refusal(() => checkCreateBody({ name: "p", backup: b })).slice(2);
  assertEquals(
    backup({ timing: { kind: "daily", time: "25:00" }, timezone: "Mars/Olympus" })[1],
    "backup",
  );
  assertEquals(backup({ timing: { kind: "once", at: "2030-01-01T00:00:00Z" } }), [
    "backup.timing: a policy repeats: use daily, weekly, monthly or cron",
    "backup.timing",
  ]);
  assertEquals(backup({ mode: "x", keep: 0 })[1], "backup.mode");
});

Deno.test("profile input - a setting's kind first, then its fields by their own names", () => {
  assertEquals(checkSetting({ kind: "tag", tag: "web" }), { kind: "tag", tag: "web" });
  assertEquals(refusal(() => checkSetting({ kind: "colour", tag: 5 })).slice(2), [
    "kind: must be one of agent, alert, backup, tag",
    "kind",
  ]);
  assertEquals(refusal(() => checkSetting({ kind: "tag", tag: "a b", x: 1 })).slice(2), [
    'body: unknown field "x" (expected kind, tag)',
    "body",
  ]);
  assertEquals(
    refusal(() => checkSetting({ kind: "alert", alert: { name: "a", vmId: null } })).slice(2),
    ["alert: a policy's alert rule applies to the policy's VMs: drop vmId", "alert"],
  );
  assertEquals(refusal(() => checkSetting({ kind: "agent" }))[3], "agent");
});

Deno.test("profile input - an assignment is one profileId; any other shape is one refusal", () => {
  assertEquals(checkAssign({ profileId: "p" }), { profileId: "p" });
  for (const body of [null, [], {}, { profileId: 5 }, { profileId: "p", x: 1 }]) {
    assertEquals(refusal(() => checkAssign(body)), [
      400,
      "InvalidFormat",
      'Body must be a JSON object like {"profileId": "…"}',
      "profileId",
    ]);
  }
});

Deno.test("profile input - a file's profile: the object and its name as the format names them", () => {
  const file = (profile: unknown) =>
    JSON.stringify({ format: "kvmm-profile", version: 1, profile });
  assertEquals(parseProfileFile(file({ name: "p", ...POLICY })).profile.tags, ["web", "prod"]);
  assertEquals(refusal(() => parseProfileFile(file([]))).slice(2), [
    "profile: must be an object with the profile's name and settings",
    "profile",
  ]);
  assertEquals(refusal(() => parseProfileFile(file({ name: "p", x: 1 }))).slice(2), [
    'profile: unknown field "x"',
    "profile",
  ]);
  assertEquals(refusal(() => parseProfileFile(file({ name: "-p" }))).slice(1), [
    "InvalidFormat",
    "profile.name: is missing or not a valid profile name",
    "profile.name",
  ]);
  assertEquals(refusal(() => parseProfileFile(file({ name: "p", tags: ["a b"] })))[3], "tags[0]");
});

Deno.test("profile input - allowed services: names or * patterns made full unit names; absent stays absent", () => {
  const agent = (allowedServices: unknown) =>
    checkCreateBody({ name: "p", agent: { allowedServices } }).agent;
  assertEquals(agent(["nginx", " app-*", "getty@tty1.service", "nginx"])?.allowedServices, [
    "nginx.service",
    "app-*.service",
    "getty@tty1.service",
  ]);
  assertEquals(checkCreateBody({ name: "p", agent: {} }).agent?.allowedServices, undefined);
  for (const bad of ["-x", "a b", "x.socket", "a;b", "app-?"]) {
    const [status, , message, field] = refusal(() => agent([bad]));
    assertEquals([status, field], [400, "agent.allowedServices[0]"], bad);
    assertEquals(message.startsWith("agent.allowedServices[0]: "), true, message);
  }
});

Deno.test("profile input - a backup policy may name a restic repository; its jobs carry it", async () => {
  const { managedBackupJobs } = await import("./backup_jobs.ts");
  const body = checkCreateBody({
    name: "offsite",
    backup: { timing: { kind: "daily", time: "02:00" }, timezone: "UTC", repository: "nas" },
  });
  assertEquals(body.backup?.repository, "nas");
  const plain = checkCreateBody({ name: "p", backup: { timezone: "UTC" } });
  assertEquals("repository" in plain.backup!, false, "absent stays absent");
  const jobs = managedBackupJobs(
    [{ owner: "profile:1", profileName: "offsite", vmIds: ["a"], backup: body.backup! }],
    new Map(),
  );
  assertEquals(jobs[0].options, { mode: "auto", keep: 7, repository: "nas" });
  const err = assertThrows(
    () => checkCreateBody({ name: "p", backup: { timezone: "UTC", repository: "" } }),
    AppError,
  );
  assertEquals(err.message.endsWith("must name a backup repository"), true, err.message);
});
