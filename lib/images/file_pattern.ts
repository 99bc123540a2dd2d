// File-name patterns of library entries whose file names carry their release
// ("Fedora-Cloud-Base-Generic-43-*.x86_64.qcow2"): "*" stands for any run of characters and
// "?" for one, never a "/". The newest of the names a pattern matches is the one whose
// wildcard parts are the highest versions ("1.10" after "1.6", "24.04.3" after "24.04").

/** The pattern rule, shared with the API's check of an admin's entry. */
export const PATTERN_SHAPE = /^[A-Za-z0-9._+~@,=*?-]{1,200}$/;

/**
 * What each "*" and "?" of `pattern` stood for in `name`, or null when it does not match.
 * Linear backtracking to the last "*" only (the classic wildcard match), so a pattern with many
 * stars cannot make it slow: at most about pattern × name steps. `count`, when given, counts
 * them (the test's proof of that bound, which no clock gives).
 */
export function matchPattern(
  pattern: string,
  name: string,
  count?: { steps: number },
): string[] | null {
  // Per wildcard of the pattern: where it starts in the name; its end is where the next
  // literal part started.
  const starts: number[] = [];
  const ends: number[] = [];
  const wildcardAt = new Map<number, number>(); // pattern index → wildcard number
  for (let i = 0, k = 0; i < pattern.length; i++) {
    if (pattern[i] === "*" || pattern[i] === "?") wildcardAt.set(i, k++);
  }
  let p = 0;
  let n = 0;
  let star = -1; // pattern index of the last "*"
  let starFrom = 0; // where in the name that "*" started
  let starLen = 0;
  while (n < name.length) {
    if (count) count.steps++;
    if (p < pattern.length && pattern[p] === "?") {
      const k = wildcardAt.get(p)!;
      starts[k] = n;
      ends[k] = n + 1;
      p++;
      n++;
    } else if (p < pattern.length && pattern[p] === "*") {
      star = p;
      starFrom = n;
      starLen = 0;
      const k = wildcardAt.get(p)!;
      starts[k] = n;
      ends[k] = n;
      p++;
    } else if (p < pattern.length && pattern[p] === name[n]) {
      p++;
      n++;
    } else if (star >= 0 && name[starFrom + starLen] !== "/") {
      // Give the last "*" one more character and try the rest again.
      starLen++;
      const k = wildcardAt.get(star)!;
      ends[k] = starFrom + starLen;
      p = star + 1;
      n = starFrom + starLen;
      // Wildcards after the star are matched anew.
    } else {
      return null;
    }
  }
  while (p < pattern.length && pattern[p] === "*") {
    const k = wildcardAt.get(p)!;
    starts[k] = ends[k] = n;
    p++;
  }
  if (p !== pattern.length) return null;
  return starts.map((s, k) => name.slice(s, ends[k]));
}

/** Version order of two strings: digit runs as numbers, the rest as text; a missing part first. */
export function compareVersions(a: string, b: string): number {
  const parts = (s: string) => s.match(/\d+|\D+/g) ?? [];
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d/.test(x);
    const ny = /^\d/.test(y);
    if (nx && ny) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d < 0 ? -1 : 1;
    } else if (x !== y) {
      // A number sorts after text ("24.04.3" after "24.04-").
      if (nx !== ny) return nx ? 1 : -1;
      return x < y ? -1 : 1;
    }
  }
  return 0;
}

/** The newest of `names` that `pattern` matches, or null when none does. */
export function newestMatch(pattern: string, names: Iterable<string>): string | null {
  let best: { name: string; parts: string[] } | null = null;
  for (const name of names) {
    const parts = matchPattern(pattern, name);
    if (!parts) continue;
    if (!best || newer(parts, best.parts, name, best.name)) best = { name, parts };
  }
  return best?.name ?? null;
}

function newer(parts: string[], than: string[], name: string, thanName: string): boolean {
  for (let i = 0; i < parts.length; i++) {
    const d = compareVersions(parts[i], than[i]);
    if (d !== 0) return d > 0;
  }
  return compareVersions(name, thanName) > 0;
}
