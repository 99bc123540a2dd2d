// One stderr line per request (journald adds the timestamp under systemd). Never contents:
// file data and command output stay out of the log, so the log cannot leak them.

/** Whether log lines are written; tests turn it off to keep their output readable. */
let enabled = true;

export function setLogging(on: boolean): void {
  enabled = on;
}

export function log(message: string): void {
  if (enabled) console.error(`kvmm-agent: ${message}`);
}

/** What a request was about (the command name or the path), quoted and kept short. */
export function subjectOf(params: unknown): string {
  if (typeof params !== "object" || params === null) return "";
  const p = params as Record<string, unknown>;
  const subject = typeof p.command === "string"
    ? p.command
    : typeof p.path === "string"
    ? p.path
    : null;
  if (subject === null) return "";
  return " " + JSON.stringify(subject.length > 200 ? subject.slice(0, 200) + "…" : subject);
}
