// Test helper: a real SMTP server on loopback (npm's smtp-server, the test's own), keeping each
// mail it accepts, and a loopback HTTP server keeping each request. Notification tests send to
// them as they would to a real mail server, ntfy, Gotify or webhook.

import { SMTPServer } from "smtp-server";
import { freePort } from "../harness/free_port.ts";
export { freePort };

export interface Mail {
  from: string;
  to: string[];
  /** The message as sent: headers and body. */
  raw: string;
  /** The user that authenticated, if any. */
  user: string | null;
  /** Whether the session was encrypted (TLS from the start, or after STARTTLS). */
  secure: boolean;
}

export interface SmtpTestServer {
  port: number;
  mails: Mail[];
  /** Resolves once `count` mails arrived (rejects after `ms`). */
  until(count: number, ms?: number): Promise<Mail[]>;
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1:`port` (0: any free one). Plain SMTP (no STARTTLS offered) unless given
 * `tls`: then STARTTLS is offered, or with `secure` TLS is spoken from the start. With `login`,
 * AUTH is required and must match it.
 */
export async function smtpServer(
  { port = 0, login, tls, secure = false }: {
    port?: number;
    login?: { user: string; pass: string };
    tls?: { cert: string; key: string };
    secure?: boolean;
  } = {},
): Promise<SmtpTestServer> {
  const mails: Mail[] = [];
  const disabled = [...(tls ? [] : ["STARTTLS"]), ...(login ? [] : ["AUTH"])];
  const server = new SMTPServer({
    secure,
    ...(tls ? { key: tls.key, cert: tls.cert } : {}),
    disabledCommands: disabled,
    allowInsecureAuth: !tls,
    authOptional: !login,
    logger: false,
    onAuth(auth, _session, cb) {
      if (login && auth.username === login.user && auth.password === login.pass) {
        return cb(null, { user: auth.username });
      }
      cb(new Error("Invalid username or password"));
    },
    onData(stream, session, cb) {
      let raw = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => raw += chunk);
      stream.on("end", () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r: { address: string }) => r.address),
          raw,
          user: session.user === undefined ? null : String(session.user),
          secure: Boolean(session.secure),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const bound = (server.server.address() as { port: number }).port;
  return {
    port: bound,
    mails,
    async until(count, ms = 20_000) {
      const end = Date.now() + ms;
      while (mails.length < count) {
        if (Date.now() > end) {
          throw new Error(`${mails.length} of ${count} mails arrived in ${ms} ms`);
        }
        await new Promise((r) => setTimeout(r, 25));
      }
      return mails;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface Captured {
  method: string;
  path: string;
  headers: Headers;
  body: string;
}

/** A loopback HTTP server keeping each request; answers `status` (200 by default). */
export function captureServer(status = 200) {
  const requests: Captured[] = [];
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (req) => {
      const url = new URL(req.url);
      requests.push({
        method: req.method,
        path: url.pathname + url.search,
        headers: req.headers,
        body: await req.text(),
      });
      return new Response("ok", { status });
    },
  );
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    requests,
    async until(count: number, ms = 20_000) {
      const end = Date.now() + ms;
      while (requests.length < count) {
        if (Date.now() > end) throw new Error(`${requests.length} of ${count} requests came`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return requests;
    },
    close: () => server.shutdown(),
  };
}
