// The host name for 127.0.0.1, where the tests' servers listen, for the tests that need a name and
// not an address: WebAuthn takes no IP address as its relying party, and a certificate check by
// name needs a name the certificate holds. Only "localhost" will do: a server on a loopback
// listener refuses every other name (routes/middleware/same_origin.ts, against DNS rebinding).
// Whether this host resolves it to 127.0.0.1 is read from its own resolver (getaddrinfo:
// /etc/hosts, then NSS), never assumed: on some hosts "localhost" is ::1 alone.

import { lookup } from "node:dns/promises";

const LOOPBACK = "127.0.0.1";
const NAME = "localhost";

/** "localhost", once this host is seen to resolve it to 127.0.0.1; throws, saying so, if not. */
export async function loopbackName(): Promise<string> {
  const found = await lookup(NAME, { all: true }).catch(() => []);
  if (found.some((a) => a.address === LOOPBACK)) return NAME;
  const seen = found.map((a) => a.address).join(", ") || "nothing";
  throw new Error(
    `this host resolves "${NAME}" to ${seen}, not ${LOOPBACK}, where the test servers listen: ` +
      `add "${LOOPBACK} ${NAME}" to /etc/hosts`,
  );
}
