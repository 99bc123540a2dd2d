// A software security key for tests: an ES256 WebAuthn authenticator with "none" attestation
// that answers registration and sign-in options as a browser would hand them to the server.
// See https://www.w3.org/TR/webauthn-2/#sctn-attestation for the byte layouts.

import { sha256 } from "@noble/hashes/sha2.js";

const encoder = new TextEncoder();
const base64url = (b: Uint8Array) =>
  btoa(String.fromCharCode(...b)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const fromBase64url = (s: string) =>
  Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// The little CBOR (RFC 8949) an attestation object needs: integers, strings, bytes, maps.
type Cbor = number | string | Uint8Array | Map<Cbor, Cbor>;
function head(major: number, n: number): Uint8Array {
  if (n < 24) return new Uint8Array([major << 5 | n]);
  if (n < 256) return new Uint8Array([major << 5 | 24, n]);
  return new Uint8Array([major << 5 | 25, n >> 8, n & 255]);
}
function cbor(v: Cbor): Uint8Array {
  if (typeof v === "number") return v >= 0 ? head(0, v) : head(1, -1 - v);
  if (typeof v === "string") {
    const bytes = encoder.encode(v);
    return concat(head(3, bytes.length), bytes);
  }
  if (v instanceof Uint8Array) return concat(head(2, v.length), v);
  const parts = [head(5, v.size)];
  for (const [k, x] of v) parts.push(cbor(k), cbor(x));
  return concat(...parts);
}

/** WebCrypto's raw r||s ECDSA signature as the DER sequence WebAuthn carries. */
function der(raw: Uint8Array): Uint8Array {
  const int = (x: Uint8Array) => {
    let i = 0;
    while (i < x.length - 1 && x[i] === 0) i++;
    let y: Uint8Array = x.slice(i);
    if (y[0] & 0x80) y = concat(new Uint8Array([0]), y);
    return concat(new Uint8Array([2, y.length]), y);
  };
  const body = concat(int(raw.slice(0, 32)), int(raw.slice(32)));
  return concat(new Uint8Array([0x30, body.length]), body);
}

export class SoftKey {
  readonly id = crypto.getRandomValues(new Uint8Array(16));
  #counter = 0;
  #keys: CryptoKeyPair;

  private constructor(keys: CryptoKeyPair) {
    this.#keys = keys;
  }

  static async create(): Promise<SoftKey> {
    const keys = await crypto.subtle.generateKey(
      { name: "ECDSA", namedCurve: "P-256" },
      true,
      ["sign", "verify"],
    ) as CryptoKeyPair;
    return new SoftKey(keys);
  }

  /** The answer to registration options, as navigator.credentials.create() gives it. */
  async register(options: { challenge: string; rp: { id: string } }, origin: string) {
    const jwk = await crypto.subtle.exportKey("jwk", this.#keys.publicKey);
    const cose = cbor(
      new Map<Cbor, Cbor>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, fromBase64url(jwk.x!)],
        [-3, fromBase64url(jwk.y!)],
      ]),
    );
    const authData = concat(
      sha256(encoder.encode(options.rp.id)),
      new Uint8Array([0x41, 0, 0, 0, 0]), // user present, attested credential data; counter 0
      new Uint8Array(16), // AAGUID
      new Uint8Array([0, this.id.length]),
      this.id,
      cose,
    );
    const clientData = encoder.encode(JSON.stringify({
      type: "webauthn.create",
      challenge: options.challenge,
      origin,
      crossOrigin: false,
    }));
    const attestation = cbor(
      new Map<Cbor, Cbor>([["fmt", "none"], ["attStmt", new Map()], ["authData", authData]]),
    );
    return {
      id: base64url(this.id),
      rawId: base64url(this.id),
      type: "public-key",
      clientExtensionResults: {},
      response: {
        clientDataJSON: base64url(clientData),
        attestationObject: base64url(attestation),
        transports: ["usb"],
      },
    };
  }

  /** The answer to sign-in options, as navigator.credentials.get() gives it. */
  async assert(options: { challenge: string; rpId?: string }, origin: string) {
    const c = ++this.#counter;
    const authData = concat(
      sha256(encoder.encode(options.rpId ?? new URL(origin).hostname)),
      new Uint8Array([0x01, c >>> 24, (c >>> 16) & 255, (c >>> 8) & 255, c & 255]),
    );
    const clientData = encoder.encode(JSON.stringify({
      type: "webauthn.get",
      challenge: options.challenge,
      origin,
      crossOrigin: false,
    }));
    const signature = new Uint8Array(
      await crypto.subtle.sign(
        { name: "ECDSA", hash: "SHA-256" },
        this.#keys.privateKey,
        concat(authData, sha256(clientData)),
      ),
    );
    return {
      id: base64url(this.id),
      rawId: base64url(this.id),
      type: "public-key",
      clientExtensionResults: {},
      response: {
        clientDataJSON: base64url(clientData),
        authenticatorData: base64url(authData),
        signature: base64url(der(signature)),
      },
    };
  }
}
