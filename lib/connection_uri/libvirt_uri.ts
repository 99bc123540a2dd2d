// Reads a libvirt connection URI the way libvirt does: libxml2's xmlParseURI for the parts
// (src/util/viruri.c virURIParse), virURIParseParams for the query, and the remote driver's
// reading of the scheme and parameters (src/remote/remote_sockets.c remoteSplitURIScheme,
// src/remote/remote_driver.c doRemoteOpen). Pure: no policy, no words for users; what is
// allowed is lib/hosts/uri_policy.ts's.
//
// libvirt's quirks this follows (https://libvirt.org/uri.html):
// - the query is split on '&', or on ';' when it holds no '&' at all (viruri.c looks for '&'
//   first, then ';');
// - names and values are percent-decoded with xmlURIUnescapeString: %XX in either case of hex,
//   and '+' stays '+' (not a space, unlike a web form's URLSearchParams);
// - the remote driver compares parameter names without ASCII case (STRCASEEQ), and a name given
//   twice takes its last value; names it does not know are passed on to the far daemon;
// - the transport after '+' in the scheme is compared lower-cased (g_ascii_tolower).
// Whatever this module cannot read exactly as libvirt would is an error, never a guess: a
// character libxml2 refuses or reads otherwise (a space, '#', '\', a '%' without two hex digits),
// a query mixing both separators (libvirt's reading then depends on their order and has changed
// meaning between places that read URIs), an empty name ("=x"; libvirt skips it, or with "=" alone
// reads the rest of the query as one name), and decoded bytes that are control characters (a %00
// ends a C string early) or not UTF-8.

/** One `name=value` of the query, decoded. */
export interface UriParam {
  /** The name as written, percent-decoded (for messages). */
  name: string;
  /** The name as libvirt compares it: ASCII lower-case. */
  key: string;
  /** The value, percent-decoded; "" for `name` or `name=`. */
  value: string;
}

/** A libvirt URI's parts as libvirt reads them. */
export interface LibvirtUri {
  /** The scheme as written, e.g. `qemu+ssh`. */
  scheme: string;
  /** Before '+': the hypervisor driver, e.g. `qemu`. */
  driver: string;
  /** After '+', lower-cased as libvirt compares it (`ssh`, `tls`, `ext` …); null without '+'. */
  transport: string | null;
  /** The user info, decoded (`user:password` when a password was written); null without '@'. */
  user: string | null;
  /** The server, decoded, an IPv6 address without its brackets; null when empty. */
  host: string | null;
  /** The host part exactly as written (brackets kept). */
  rawHost: string;
  /** The port; null when none was written. */
  port: number | null;
  /** The path, decoded, e.g. `/system`. */
  path: string;
  /** The query as written, without '?'; null when there is no '?'. */
  query: string | null;
  /** The separator the query uses; null when it has at most one parameter. */
  separator: "&" | ";" | null;
  /** Every parameter in the order written, repeats included. */
  params: UriParam[];
}

/** Why a URI cannot be read as libvirt reads it. */
export type UriSyntaxProblem =
  | { kind: "form" }
  | { kind: "character"; char: string }
  | { kind: "percent" }
  | { kind: "fragment" }
  | { kind: "port" }
  | { kind: "separators" }
  | { kind: "empty-name" }
  | { kind: "decoded"; part: string };

export type ParsedUri = { ok: true; uri: LibvirtUri } | { ok: false; problem: UriSyntaxProblem };

// RFC 3986's characters as libxml2 reads them in each part (its xmlParse3986* functions):
// unreserved, sub-delims, %XX, and ':' in the user info, ':' '@' '/' in the path, '?' as well in
// the query. Any other character makes xmlParseURI fail or read the URI otherwise ('#' starts a
// fragment, which the remote driver passes on to the far daemon).
const SUB = "A-Za-z0-9\\-._~!$&'()*+,;=%";
const USER_CHARS = new RegExp(`^[${SUB}:]*$`);
const REG_NAME = `[${SUB}]*`;
const PATH_CHARS = new RegExp(`^[${SUB}:@/]*$`);
const QUERY_CHARS = new RegExp(`^[${SUB}:@/?]*$`);
const SHAPE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?$/;
const HOST_PORT = new RegExp(`^(\\[[0-9A-Fa-f:.]+\\]|${REG_NAME})(?::(.*))?$`);

/** The URI's parts and parameters as libvirt reads them, or why it cannot be read so. */
export function parseLibvirtUri(text: string): ParsedUri {
  const fail = (problem: UriSyntaxProblem): ParsedUri => ({ ok: false, problem });
  const odd = /[^A-Za-z0-9\-._~!$&'()*+,;=:@/?%[\]]/.exec(text);
  if (odd) return fail(odd[0] === "#" ? { kind: "fragment" } : { kind: "character", char: odd[0] });
  if (/%(?![0-9A-Fa-f]{2})/.test(text)) return fail({ kind: "percent" });
  const shape = SHAPE.exec(text);
  if (!shape) return fail({ kind: "form" });
  const [, scheme, authority, rawPath, query] = shape;
  const at = authority.lastIndexOf("@");
  const rawUser = at < 0 ? undefined : authority.slice(0, at);
  const hp = HOST_PORT.exec(authority.slice(at + 1));
  if (!hp || (rawUser !== undefined && !USER_CHARS.test(rawUser))) return fail({ kind: "form" });
  if (!PATH_CHARS.test(rawPath) || (query !== undefined && !QUERY_CHARS.test(query))) {
    return fail({ kind: "form" });
  }
  const [, rawHost, rawPort] = hp;
  let port: number | null = null;
  if (rawPort !== undefined) {
    port = /^[0-9]{1,5}$/.test(rawPort) ? Number(rawPort) : 0;
    if (port < 1 || port > 65535) return fail({ kind: "port" });
  }
  const user = rawUser === undefined ? null : unescape(rawUser);
  const host = unescape(rawHost.replace(/^\[(.*)\]$/, "$1"));
  const path = unescape(rawPath);
  if (user === undefined) return fail({ kind: "decoded", part: "user" });
  if (host === undefined) return fail({ kind: "decoded", part: "host" });
  if (path === undefined) return fail({ kind: "decoded", part: "path" });
  const params = query === undefined ? { list: [], separator: null } : paramsOf(query);
  if ("problem" in params) return fail(params.problem);
  const plus = scheme.indexOf("+");
  return {
    ok: true,
    uri: {
      scheme,
      driver: plus < 0 ? scheme : scheme.slice(0, plus),
      transport: plus < 0 ? null : asciiLower(scheme.slice(plus + 1)),
      user,
      host: host || null,
      rawHost,
      port,
      path,
      query: query ?? null,
      separator: params.separator,
      params: params.list,
    },
  };
}

/** The value libvirt uses for parameter `key` (lower-case): the last one given. */
export function paramOf(uri: LibvirtUri, key: string): string | undefined {
  return uri.params.findLast((p) => p.key === key)?.value;
}

/** virURIParseParams over a query (as written), with the ambiguous cases refused. */
function paramsOf(
  query: string,
): { list: UriParam[]; separator: "&" | ";" | null } | { problem: UriSyntaxProblem } {
  const amp = query.includes("&");
  const semi = query.includes(";");
  if (amp && semi) return { problem: { kind: "separators" } };
  const separator = amp ? "&" : semi ? ";" : null;
  const list: UriParam[] = [];
  for (const section of separator ? query.split(separator) : [query]) {
    if (!section) continue; // libvirt skips empty sections ("&&", a leading or trailing '&').
    const eq = section.indexOf("=");
    if (eq === 0) return { problem: { kind: "empty-name" } };
    const name = unescape(eq < 0 ? section : section.slice(0, eq));
    const value = unescape(eq < 0 ? "" : section.slice(eq + 1));
    if (name === undefined || value === undefined) {
      return { problem: { kind: "decoded", part: "query" } };
    }
    list.push({ name, key: asciiLower(name), value });
  }
  return { list, separator };
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * xmlURIUnescapeString: each %XX (hex in either case) becomes its byte, everything else stays.
 * Undefined when the bytes are not UTF-8 or hold a control character (C code would stop at a
 * %00, and no part of a URI we open needs one).
 */
function unescape(raw: string): string | undefined {
  // The parts reach here in ASCII (parseLibvirtUri checked their characters).
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === "%" && /^[0-9A-Fa-f]{2}$/.test(raw.slice(i + 1, i + 3))) {
      bytes.push(parseInt(raw.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(raw.charCodeAt(i));
    }
  }
  if (bytes.some((b) => b < 0x20 || b === 0x7f)) return undefined;
  try {
    return utf8.decode(new Uint8Array(bytes));
  } catch {
    return undefined;
  }
}

/** g_ascii_strdown: only A-Z change (a JavaScript toLowerCase would fold 'K', the Kelvin sign). */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}
