import { assertEquals } from "../../tests/support/assert.ts";
import { paramOf, parseLibvirtUri } from "./libvirt_uri.ts";

const read = (uri: string) => {
  const parsed = parseLibvirtUri(uri);
  if (!parsed.ok) throw new Error(`${uri}: ${JSON.stringify(parsed.problem)}`);
  return parsed.uri;
};
const problem = (uri: string) => {
  const parsed = parseLibvirtUri(uri);
  return parsed.ok ? null : parsed.problem.kind;
};

Deno.test("libvirt uri - the parts as libvirt reads them: decoded, transport lower-cased", () => {
  const uri = read("qemu+SSH://r%6Fot@[fd00::2]:2222/%73ystem?keyfile=/k/a+b%2Fc");
  assertEquals(
    [uri.driver, uri.transport, uri.user, uri.host, uri.port, uri.path],
    ["qemu", "ssh", "root", "fd00::2", 2222, "/system"],
  );
  // '+' stays '+' (xmlURIUnescapeString), unlike URLSearchParams.
  assertEquals(paramOf(uri, "keyfile"), "/k/a+b/c");
  assertEquals(read("qemu:///system").host, null);
  assertEquals(read("test:///default").transport, null);
});

Deno.test("libvirt uri - ';' separates when there is no '&'; names without case; the last wins", () => {
  const semi = read("qemu+ssh://h/system?no_tty=1;COMMAND=/p;;");
  assertEquals(semi.params.map((p) => [p.name, p.key, p.value]), [
    ["no_tty", "no_tty", "1"],
    ["COMMAND", "command", "/p"],
  ]);
  assertEquals(semi.separator, ";");
  const repeated = read("qemu+ssh://h/system?&keyfile=/a&KeyFile=/b&flag&empty=&");
  assertEquals(paramOf(repeated, "keyfile"), "/b");
  assertEquals(paramOf(repeated, "flag"), "");
  assertEquals(paramOf(repeated, "empty"), "");
  // Encoded separators and '=' are data, not structure.
  const encoded = read("qemu+ssh://h/system?a=1%3Bcommand%3D%2Fp&b%3D=2");
  assertEquals(encoded.params.map((p) => [p.key, p.value]), [["a", "1;command=/p"], ["b=", "2"]]);
  // Only ASCII letters fold: the Kelvin sign is not a 'k' to libvirt.
  assertEquals(read("qemu+ssh://h/system?%E2%84%AAeyfile=/x").params[0].key, "\u212Aeyfile");
});

Deno.test("libvirt uri - what libvirt would read otherwise, or not at all, is an error", () => {
  assertEquals(problem("qemu+ssh://h/system?a=1;command=/p&b=2"), "separators");
  assertEquals(problem("qemu+ssh://h/system?=x&command=/p"), "empty-name");
  assertEquals(problem("qemu+ssh://h/system?="), "empty-name");
  assertEquals(problem("qemu+ssh://h/system#frag"), "fragment");
  assertEquals(problem("qemu+ssh://h/system?keyfile=/a%2"), "percent");
  assertEquals(problem("qemu+ssh://h/system?keyfile=/a%zz"), "percent");
  assertEquals(problem("qemu+ssh://h/system?k=a b"), "character");
  assertEquals(problem("qemu+ssh://h/system?k=a\\b"), "character");
  assertEquals(problem("qemu+ssh://h/sys[tem"), "form");
  assertEquals(problem("qemu+ssh://a@b@h/system"), "form");
  assertEquals(problem("qemu+ssh://h:0/system"), "port");
  assertEquals(problem("qemu+ssh://h:70000/system"), "port");
  assertEquals(problem("qemu+ssh://h:/system"), "port");
  assertEquals(problem("qemu:/system"), "form");
  // A %00 ends a C string: libvirt would read "command%00x" as "command".
  assertEquals(problem("qemu+ssh://h/system?command%00x=/p"), "decoded");
  assertEquals(problem("qemu+ssh://h/system?k=%ff"), "decoded");
});
