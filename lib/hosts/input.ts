// Checks `POST /api/hosts` at the boundary: a name, and a libvirt URI of a transport we can use
// from a service with no terminal and no stored passwords (its rules: uri_policy.ts).

import { z } from "zod";
import { type IssueCodes, validated } from "../validate.ts";
import { nameIssue } from "../../shared/names.ts";
import { ALL_HOSTS, type HostInput, LOCAL_HOST } from "../../shared/hosts.ts";
import { t } from "../../shared/i18n/t.ts";
import { paramOf, parseLibvirtUri } from "../connection_uri/libvirt_uri.ts";
import { uriIssue, type UriPlaces, uriPlaces } from "./uri_policy.ts";

/** The id `?host=` takes for a name: lower-case letters, digits and dashes. */
export function hostIdOf(name: string): string {
  return name.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);
}

/** Every problem of a host body is refused with INVALID_HOST. */
export const HOST_CODES: IssueCodes = { code: "INVALID_HOST" };

/** A rule that computes its words from the value: null when the value keeps it. */
const ruled =
  (issue: (value: string) => string | null) => (value: string, ctx: z.RefinementCtx) => {
    const message = issue(value);
    if (message) ctx.addIssue({ code: "custom", message });
  };

const noName = () => t("Give the host a name");
const noUri = () => t("Give the libvirt URI, e.g. qemu+ssh://root@host.example/system");

/** A libvirt URI we can open unattended, trimmed, naming files only in `places` (uriIssue). */
const hostUri = (places: UriPlaces) =>
  z.string({ error: noUri }).trim().superRefine(ruled((uri) => uriIssue(uri, places))).meta({
    description: "A libvirt URI: qemu+ssh://, qemu+tls://, qemu+tcp:// or qemu://, no password",
  });

/** The body of `POST /api/hosts`, its key files looked for in `places`. */
export const hostBody = (places: UriPlaces) =>
  z.object({
    name: z.string({ error: noName }).superRefine(ruled(hostNameIssue)).meta({
      description: "Shown in the host list; its id (`?host=`) is made from it",
    }),
    uri: hostUri(places),
  }, {
    error: () => t('Body must be a JSON object like {"name": "rack-2", "uri": "qemu+ssh://…"}'),
  });

/** The body of `POST /api/hosts` as the API documents it. */
export const HostBody = hostBody(uriPlaces(null));

/** What is wrong with a host name, its id included. */
function hostNameIssue(name: string): string | null {
  if (!name) return noName();
  const issue = nameIssue("host", name);
  if (issue) return issue;
  const id = hostIdOf(name);
  if (!id) return t("A host name needs at least one letter or digit");
  if (id === LOCAL_HOST || id === ALL_HOSTS) {
    return t('"{{name}}" is reserved: choose another name', { name });
  }
  return null;
}

/**
 * A valid host input or 400 INVALID_HOST with what is wrong, in the user's words. Key files may
 * be in `places` (the service user's ~/.ssh when not given).
 */
export function checkHostInput(
  input: unknown,
  places: UriPlaces = uriPlaces(null),
): HostInput & { id: string } {
  const { name, uri } = validated(hostBody(places), input, HOST_CODES);
  return { id: hostIdOf(name), name, uri };
}

/** The URI as given, when libvirt can open it unattended and it carries no password. */
export function checkUri(uri: unknown, places: UriPlaces = uriPlaces(null)): string {
  return validated(hostUri(places), uri, HOST_CODES);
}

/**
 * The URI as libvirt opens it: an SSH transport gets `no_tty=1`, so a missing key makes the
 * connection fail with ssh's words instead of asking for a password on the server's terminal.
 * It joins the query with the separator the query uses (libvirt splits on ';' only when the
 * query has no '&'). A URI libvirt_uri.ts cannot read is left as it is.
 */
export function openableUri(uri: string): string {
  const parsed = parseLibvirtUri(uri);
  if (!parsed.ok) return uri;
  const { transport, query, separator } = parsed.uri;
  if (transport !== "ssh" || paramOf(parsed.uri, "no_tty") !== undefined) return uri;
  if (query === null) return `${uri}?no_tty=1`;
  if (query === "" || /[&;]$/.test(query)) return `${uri}no_tty=1`;
  return `${uri}${separator ?? "&"}no_tty=1`;
}
