// systemd service names and the allow-list patterns that match them: one strict syntax shared by
// the agent (config, host policy, the methods) and the host (API input, profile settings).

/** A unit name's longest length (systemd's UNIT_NAME_MAX). */
export const UNIT_NAME_MAX = 255;

// systemd's unit-name characters (unit-name.c VALID_CHARS, "\\" for its escapes), starting
// with a letter or digit so that no name can be taken for an option by systemctl.
const NAME = /^[A-Za-z0-9][A-Za-z0-9:_.@\\-]*$/;
const PATTERN = /^[A-Za-z0-9*][A-Za-z0-9:_.@\\*-]*$/;

/** "nginx" → "nginx.service"; a name with another unit suffix stays as given (and is refused). */
const withSuffix = (name: string) => /\.[a-z]+$/.test(name) ? name : `${name}.service`;

/** The unit a service name means ("ssh" → "ssh.service"), or why it is no service name. */
export function serviceUnit(name: string): { unit: string } | { problem: string } {
  const unit = withSuffix(name);
  if (!NAME.test(name) || unit.length > UNIT_NAME_MAX || !unit.endsWith(".service")) {
    return {
      problem: `${JSON.stringify(name.slice(0, 80))} is not a service name ` +
        `(letters, digits and : _ . @ \\ -, starting with a letter or digit, ending ".service" ` +
        `or with no suffix, at most ${UNIT_NAME_MAX} characters)`,
    };
  }
  return { unit };
}

/** An allow-list entry: a service name that may hold "*" for any characters ("app-*"). */
export function servicePattern(pattern: string): { pattern: string } | { problem: string } {
  const full = withSuffix(pattern);
  if (!PATTERN.test(pattern) || full.length > UNIT_NAME_MAX || !full.endsWith(".service")) {
    return {
      problem: `${JSON.stringify(pattern.slice(0, 80))} is not a service name or pattern ` +
        `(a service name in which "*" stands for any characters, like "nginx" or "app-*.service")`,
    };
  }
  return { pattern: full };
}

/** True when `unit` ("x.service") is matched by one of `patterns` (already servicePattern()ed). */
export function serviceAllowed(unit: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => {
    const re = new RegExp(
      `^${p.split("*").map((s) => s.replace(/[.\\]/g, (c) => `\\${c}`)).join(".*")}$`,
    );
    return re.test(unit);
  });
}
