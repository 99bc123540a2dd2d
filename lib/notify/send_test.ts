// E-mail over TLS to a real SMTP server on loopback (npm's smtp-server) with a certificate made
// for a name that resolves only in the rules: STARTTLS and TLS from the start deliver, signed
// in; the connection goes to the checked address while TLS checks the name's certificate; a
// server that offers no STARTTLS gets nothing in plain text when STARTTLS is asked for.

import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { smtpServer } from "../../tests/support/smtp_server.ts";
import { makeSelfSigned } from "../tls.ts";
import { parseAllowed } from "../outbound/address_rules.ts";
import type { EmailConfig, NotifyEvent } from "../../shared/notify.ts";
import { localTime, plainText, sendTo } from "./send.ts";

const EVENT: NotifyEvent = {
  kind: "backup-failed",
  severity: "critical",
  hostId: "local",
  title: "Backup of db failed",
  text: "disk full",
  at: "2026-11-26T01:00:00.000Z",
};

const LOGIN = { user: "kvmm", pass: "pw-123" };

function send(config: Partial<EmailConfig> & { port: number }, caCerts: string[]) {
  return sendTo(
    {
      id: "t1",
      name: "mail",
      kind: "email",
      secret: LOGIN.pass,
      config: {
        host: "mail.example",
        security: "starttls",
        user: LOGIN.user,
        from: "kvm@example.test",
        to: ["ops@example.test"],
        ...config,
      },
    },
    EVENT,
    {
      outbound: {
        allowed: [parseAllowed("127.0.0.1")!],
        resolve: () => Promise.resolve(["127.0.0.1"]),
        caCerts,
      },
      hostName: () => "vm1",
      serverUrl: "https://kvm1.example:8443",
      timeZone: "Europe/Berlin",
      timeoutMs: 5000,
    },
  );
}

Deno.test("notify send - e-mail with STARTTLS and with TLS from the start, signed in", async () => {
  const tls = await makeSelfSigned("mail.example", "127.0.0.1");
  const starttls = await smtpServer({ login: LOGIN, tls });
  const implicit = await smtpServer({ login: LOGIN, tls, secure: true });
  try {
    await send({ port: starttls.port, security: "starttls" }, [tls.cert]);
    await send({ port: implicit.port, security: "tls" }, [tls.cert]);
    for (const server of [starttls, implicit]) {
      const [mail] = await server.until(1);
      assertEquals([mail.secure, mail.user, mail.to], [true, "kvmm", ["ops@example.test"]]);
      assertMatch(mail.raw, /Subject: \[KVM Manager\] Backup of db failed/);
      assertMatch(mail.raw, /Host: vm1/);
      // The time as the server's clock reads it, with its zone; a link to where to look.
      assertMatch(mail.raw, /Time: 2026-11-26 02:00:00 GMT\+1 \(2026-11-26T01:00:00\.000Z\)/);
      assertMatch(mail.raw, /Open: https:\/\/kvm1\.example:8443\/backups/);
    }
  } finally {
    await starttls.close();
    await implicit.close();
  }
});

Deno.test("notify send - a certificate for another name is refused; no STARTTLS offered sends nothing", async () => {
  const tls = await makeSelfSigned("other.example", "127.0.0.1");
  const wrongName = await smtpServer({ login: LOGIN, tls });
  const plain = await smtpServer({ login: LOGIN });
  try {
    const refused = await send({ port: wrongName.port }, [tls.cert]).then(() => null, (e) => e);
    assert(refused instanceof Error, "refused");
    assertMatch(refused.message, /mail\.example|altname|certificate/i);
    const noTls = await send({ port: plain.port }, [tls.cert]).then(() => null, (e) => e);
    assert(noTls instanceof Error, "refused without STARTTLS");
    assertMatch(noTls.message, /STARTTLS/);
    assertEquals([wrongName.mails.length, plain.mails.length], [0, 0]);
  } finally {
    await wrongName.close();
    await plain.close();
  }
});

Deno.test("notify send - plain text: local time with zone and instant; no link before the server listens", () => {
  assertEquals(
    localTime("2026-07-01T12:00:00.000Z", "America/New_York"),
    "2026-07-01 08:00:00 EDT (2026-07-01T12:00:00.000Z)",
  );
  assertEquals(localTime("not a time"), "not a time");
  const text = plainText(EVENT, "vm1", { timeZone: "UTC" });
  assertMatch(text, /^Time: 2026-11-26 01:00:00 UTC \(2026-11-26T01:00:00\.000Z\)$/m);
  assert(!text.includes("Open:"), text);
});
