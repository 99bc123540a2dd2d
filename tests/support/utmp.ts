// utmp login records as glibc writes them (struct utmp, 384 bytes, little-endian; utmp(5)), for
// tests of the agent's get_users: its unit tests and the agent test guest's /run/utmp.

export interface UtmpRecord {
  /** 7 USER_PROCESS (a login), 2 BOOT_TIME, 6 LOGIN_PROCESS, 8 DEAD_PROCESS … */
  type: number;
  pid: number;
  line: string;
  user: string;
  host: string;
  seconds: number;
  micros?: number;
}

export function utmpRecord(
  { type, pid, line, user, host, seconds, micros = 0 }: UtmpRecord,
): Uint8Array {
  const bytes = new Uint8Array(384);
  const view = new DataView(bytes.buffer);
  const put = (at: number, text: string) => bytes.set(new TextEncoder().encode(text), at);
  view.setInt16(0, type, true);
  view.setInt32(4, pid, true);
  put(8, line);
  put(40, line.slice(-4));
  put(44, user);
  put(76, host);
  view.setInt32(340, seconds, true);
  view.setInt32(344, micros, true);
  return bytes;
}

/** Records one after another, as a utmp file holds them. */
export function utmpFile(records: UtmpRecord[]): Uint8Array {
  const out = new Uint8Array(records.length * 384);
  records.forEach((r, i) => out.set(utmpRecord(r), i * 384));
  return out;
}
