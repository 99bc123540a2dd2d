// Our SHA-512 crypt against the host's own crypt(3) (libxcrypt, which a Debian guest's PAM uses),
// reached through perl's crypt: every byte length from 0 to 300, the 64-byte multiples that
// unixcrypt got wrong, multi-byte characters and the longest password the API takes (511 bytes:
// libxcrypt refuses 512 and more, see shared/cloud_init.ts). The many lengths are hashed in the
// spec's least rounds (a fifth of the time; the rounds loop does not depend on the length), a
// sample of them in the default rounds that cloud-init's hashes use.

import { assert, assertEquals, assertMatch, assertThrows } from "../../tests/support/assert.ts";
import { MIN_ROUNDS, randomSalt, SALT_LENGTH, sha512Crypt } from "./sha512_crypt.ts";
import { MAX_PASSWORD_BYTES } from "../../shared/cloud_init.ts";

interface Case {
  password: string;
  salt: string;
  rounds?: number;
}

/** crypt(3) of each case, from one perl (password and setting NUL-separated on stdin). */
async function hostCrypt(cases: Case[]): Promise<string[]> {
  const script = 'binmode STDIN; local $/ = "\\0"; while (my $p = <STDIN>) { chomp $p; ' +
    'my $s = <STDIN>; chomp $s; print crypt($p, $s), "\\n" }';
  const child = new Deno.Command("perl", { args: ["-e", script], stdin: "piped", stdout: "piped" })
    .spawn();
  const writer = child.stdin.getWriter();
  const setting = ({ salt, rounds }: Case) => `$6$${rounds ? `rounds=${rounds}$` : ""}${salt}`;
  await writer.write(
    new TextEncoder().encode(cases.map((c) => `${c.password}\0${setting(c)}\0`).join("")),
  );
  await writer.close();
  const out = await child.output();
  assert(out.success, "perl's crypt runs");
  return new TextDecoder().decode(out.stdout).trimEnd().split("\n");
}

async function assertSameAsHost(cases: Case[]) {
  const want = await hostCrypt(cases);
  assertEquals(want.length, cases.length);
  const wrong = cases.flatMap(({ password, salt, rounds }, i) => {
    const bytes = new TextEncoder().encode(password).length;
    assert(bytes <= MAX_PASSWORD_BYTES, `${bytes} bytes is one the API takes`);
    const got = sha512Crypt(password, salt, rounds);
    return got === want[i] ? [] : [`${bytes} bytes, salt "${salt}": ${got} != ${want[i]}`];
  });
  assertEquals(wrong, []);
}

Deno.test("sha512 crypt - the same as the host's crypt(3) for every length it takes", async () => {
  const cases: Case[] = [];
  const rounds = MIN_ROUNDS;
  for (let n = 0; n <= 300; n++) {
    cases.push({ password: "p".repeat(n), salt: randomSalt(), rounds });
  }
  for (const n of [383, 384, 385, 447, 448, 449, 510, 511]) {
    cases.push({ password: "q".repeat(n), salt: randomSalt(), rounds });
  }
  for (let n = 1; n <= 64; n += 3) {
    // Two-, three- and four-byte characters, so byte and character counts differ.
    cases.push({ password: "é".repeat(n) + "€".repeat(n % 5), salt: randomSalt(), rounds });
    cases.push({ password: "😀".repeat(n) + "x".repeat(n % 4), salt: randomSalt(), rounds });
  }
  // The API's longest passwords: 511 bytes, of 3- and 4-byte characters.
  cases.push({ password: "€".repeat(170) + "x", salt: randomSalt(), rounds });
  cases.push({ password: "😀".repeat(127) + "xyz", salt: randomSalt(), rounds });
  // Salts of every length, with the alphabet's ends ("." and "z").
  for (let n = 0; n <= SALT_LENGTH; n++) {
    cases.push({ password: "pa ss:wörd$", salt: "./0189AZaz".repeat(2).slice(0, n), rounds });
  }
  await assertSameAsHost(cases);
});

Deno.test("sha512 crypt - the default rounds, as cloud-init's hashes have them", async () => {
  // Not named in the hash ("$6$salt$…"), around the block and digest sizes and at the longest.
  const lengths = [0, 1, 63, 64, 65, 127, 128, 129, 256, 511];
  await assertSameAsHost(lengths.map((n) => ({ password: "d".repeat(n), salt: randomSalt() })));
  assertMatch(sha512Crypt("x", "salt"), /^\$6\$salt\$[./0-9A-Za-z]{86}$/);
  assertMatch(sha512Crypt("x", "salt", 1000), /^\$6\$rounds=1000\$salt\$[./0-9A-Za-z]{86}$/);
});

Deno.test("sha512 crypt - a salt is 16 of crypt's characters, each of them drawn", () => {
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const salt = randomSalt();
    assertMatch(salt, /^[./0-9A-Za-z]{16}$/);
    for (const char of salt) seen.add(char);
  }
  // 3,200 draws of 64 characters: each appears (a missing one is a bias, as unixcrypt's "z").
  assertEquals(seen.size, 64);
  assertMatch(assertThrows(() => sha512Crypt("x", "has$dollar"), Error).message, /a crypt salt/);
  assertMatch(assertThrows(() => sha512Crypt("x", "a".repeat(17)), Error).message, /a crypt salt/);
  assertMatch(assertThrows(() => sha512Crypt("x", "salt", 999), Error).message, /crypt rounds/);
});
