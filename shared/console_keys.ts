// Keys the console's send-key menu and POST /api/vms/:id/send-key press on a guest's keyboard:
// names an admin reads, mapped to the Linux input key codes libvirt sends (its "linux" code
// set, linux/input-event-codes.h), and the combinations the menu offers.

const LETTERS = "qwertyuiop asdfghjkl zxcvbnm";
const LETTER_ROWS = [16, 30, 44]; // KEY_Q, KEY_A, KEY_Z: each row's codes run on from these

function letterCodes(): Record<string, number> {
  const codes: Record<string, number> = {};
  LETTERS.split(" ").forEach((row, r) => {
    [...row].forEach((letter, i) => codes[letter] = LETTER_ROWS[r] + i);
  });
  return codes;
}

function functionKeyCodes(): Record<string, number> {
  const codes: Record<string, number> = {};
  for (let n = 1; n <= 10; n++) codes[`f${n}`] = 58 + n; // KEY_F1 is 59
  codes.f11 = 87;
  codes.f12 = 88;
  return codes;
}

function digitCodes(): Record<string, number> {
  const codes: Record<string, number> = { "0": 11 }; // KEY_1 is 2 … KEY_9 is 10, KEY_0 is 11
  for (let n = 1; n <= 9; n++) codes[String(n)] = n + 1;
  return codes;
}

/** Every key name the API takes, with its Linux key code. */
export const KEY_CODES: Readonly<Record<string, number>> = {
  ...letterCodes(),
  ...digitCodes(),
  ...functionKeyCodes(),
  esc: 1,
  backspace: 14,
  tab: 15,
  enter: 28,
  ctrl: 29,
  shift: 42,
  alt: 56,
  space: 57,
  capslock: 58,
  numlock: 69,
  scrolllock: 70,
  rightctrl: 97,
  sysrq: 99, // also Print Screen: one key on a PC keyboard
  altgr: 100,
  home: 102,
  up: 103,
  pageup: 104,
  left: 105,
  right: 106,
  end: 107,
  down: 108,
  pagedown: 109,
  insert: 110,
  delete: 111,
  pause: 119,
  meta: 125,
};

/** At most this many keys are pressed together (libvirt's own limit is 16). */
export const MAX_KEYS_AT_ONCE = 8;

/** The combinations the send-key menu offers, by group (the island names their keys). */
export const KEY_MENU: { group: "common" | "terminals" | "sysrq"; items: string[][] }[] = [
  {
    group: "common",
    items: [
      ["ctrl", "alt", "delete"],
      ["ctrl", "alt", "backspace"],
      ["sysrq"], // Print Screen
      ["alt", "tab"],
      ["esc"],
    ],
  },
  {
    group: "terminals",
    items: Array.from({ length: 12 }, (_, i) => ["ctrl", "alt", `f${i + 1}`]),
  },
  {
    // The Linux kernel's magic SysRq keys: sync, remount read-only, reboot, show help.
    group: "sysrq",
    items: ["s", "u", "b", "h"].map((letter) => ["alt", "sysrq", letter]),
  },
];
