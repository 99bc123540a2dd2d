import { assertEquals } from "../tests/support/assert.ts";
import { isValidName, NAME_MAX, nameIssue, nameRule } from "./names.ts";
import { networkNameIssue } from "../lib/networks/input.ts";
import { poolNameIssue } from "../lib/storage/pool_input.ts";
import { nameIssue as vmNameIssue } from "./vm_config.ts";
import { volumeNameIssue } from "../lib/storage/volumes.ts";

const REFUSED: unknown[] = [
  "",
  "x".repeat(NAME_MAX + 1),
  "-x",
  "-",
  ".x",
  ".",
  "..",
  "../x",
  "a/b",
  "/etc",
  "</name>",
  "a<b",
  "a>b",
  "tab\there",
  "line\n",
  "nul\0",
  "del\x7f",
  "c1\x85",
  "ls\u2028",
  "rtl\u202etxt",
  "iso\u2066x",
  // Invisible, or no characters at all: right-to-left and Arabic letter marks, zero-width space,
  // byte order mark, soft hyphen, Hangul fillers, Mongolian vowel separator, a tag character,
  // noncharacters, private use, an unassigned code point, lone surrogates (stored as U+FFFD).
  "rlm\u200f",
  "a\u061cb",
  "zw\u200bsp",
  "\ufeffbom",
  "soft\u00adhyphen",
  "\u115f",
  "a\u1160b",
  "a\u3164b",
  "a\uffa0b",
  "mvs\u180e",
  "tag\u{E0041}",
  "non\ufffe",
  "non\ufdd0",
  "non\u{10FFFF}",
  "pua\ue000",
  "unassigned\u0378",
  "a\ud800b",
  "a\udc00b",
  "\ud800",
  "x".repeat(NAME_MAX - 1) + "\ud83d",
  // Joiners where no writing needs them: in a Latin name, at an end, doubled.
  "w\u200deb",
  "w\u200ceb",
  "\u200d",
  "a\u200d",
  "\ud83d\udc69\u200d\u200d\ud83d\udcbb",
  // Found by a second review: variation selectors, the combining grapheme joiner, Mongolian and
  // Khmer fillers (each looks like "web"), blank braille, spaces other than U+0020 and spaces at
  // the ends, names of marks or spaces only, a pile of marks, a joiner between scripts.
  "web\ufe00",
  "web\u{E0100}",
  "web\u034f",
  "web\u180b",
  "web\u17b4",
  "\u2800\u2800",
  "a\u00a0b",
  "a\u2003b",
  "a\u205fb",
  "a\u1680b",
  "a\u3000b",
  "   ",
  " web",
  "web ",
  "\u0301\u0301\u0301",
  "a" + "\u0301".repeat(5),
  "a\u094d\u200ddmin",
  42,
  null,
  undefined,
  ["web"],
];

Deno.test("names - refuses leading '-' or '.', '/', markup, control characters, bad lengths", () => {
  for (const name of REFUSED) {
    assertEquals(isValidName(name), false, JSON.stringify(name));
    assertEquals(
      nameIssue("template", name),
      "Invalid template name: use 1-64 characters, not starting with '-' or '.', without '/', " +
        "'<', '>', invisible or control characters, nor a space at either end",
      JSON.stringify(name),
    );
  }
});

Deno.test("names - accepts ordinary names, inner dots and dashes, spaces, accents, 64 characters", () => {
  // Fullwidth letters, CJK, Arabic, Hangul and emoji (joined ones too) are names as typed.
  const names = ["web-01", "Debian 12 (base)", "a", "x".repeat(NAME_MAX), "v1.2", "a-.b", "Größe"];
  names.push("ＡＢＣ１２", "服务器", "خادم", "서버", "rack 🚀", "👩‍💻 dev", "e\u0301t\u00e9");
  // Joiners where writing needs them: Persian (ZWNJ), Devanagari half form (ZWJ after virama).
  names.push("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", "\u0915\u094d\u200d\u0937");
  // An emoji with its presentation selector, stacked accents within reason.
  names.push("\u2764\ufe0f love", "a\u0301\u0302");
  for (const name of names) {
    assertEquals(isValidName(name), true, name);
    assertEquals(nameIssue("profile", name), null, name);
  }
});

Deno.test("names - a feature's longer limit is in the rule and its words", () => {
  assertEquals(isValidName("x".repeat(255), 255), true);
  assertEquals(isValidName("x".repeat(256), 255), false);
  assertEquals(nameRule(255).startsWith("1-255 characters"), true);
});

Deno.test("names - the libvirt objects' own rules are inside the shared one", () => {
  // Stricter rules kept by pools, networks and volumes (and VMs): they refuse all it refuses.
  const rules: [string, (name: unknown) => string | null][] = [
    ["pool", poolNameIssue],
    ["network", networkNameIssue],
    ["volume", volumeNameIssue],
    ["VM", vmNameIssue],
  ];
  for (const [kind, issue] of rules) {
    for (const name of REFUSED.filter((n) => typeof n !== "string" || n.length <= NAME_MAX)) {
      assertEquals(issue(name) !== null, true, `${kind} ${JSON.stringify(name)}`);
    }
    assertEquals(issue("web-01"), null, kind);
  }
});
