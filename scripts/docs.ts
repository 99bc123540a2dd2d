// Reading the documentation as its tests check it: which files it is (README.md and docs/), their
// fenced blocks, the commands of the blocks marked to run (```sh run), and every `kvm-manager …`
// command named anywhere in their code.

import { join, relative } from "node:path";

export const ROOT = join(import.meta.dirname!, "..");

/** README.md and every Markdown file under docs/, as paths relative to the project. */
export function docFiles(): string[] {
  const files = ["README.md"];
  const walk = (dir: string) => {
    for (const entry of Deno.readDirSync(join(ROOT, dir))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory) walk(path);
      else if (entry.isFile && entry.name.endsWith(".md")) files.push(path);
    }
  };
  walk("docs");
  return files.sort();
}

export interface FencedBlock {
  /** The info string after the opening fence, e.g. "sh run". */
  info: string;
  lines: string[];
  /** 1-based line of the opening fence. */
  line: number;
}

const FENCE = /^(\s*)(`{3,}|~{3,})(.*)$/;

/** The fenced code blocks of a Markdown text (also indented ones, as in list items). */
export function fencedBlocks(text: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  let open: (FencedBlock & { fence: string; indent: number }) | null = null;
  text.split("\n").forEach((line, i) => {
    const m = FENCE.exec(line);
    if (!open) {
      if (m) {
        open = { info: m[3].trim(), lines: [], line: i + 1, fence: m[2], indent: m[1].length };
      }
      return;
    }
    if (m && m[2].startsWith(open.fence) && m[3].trim() === "") {
      const { fence: _, indent: __, ...block } = open;
      blocks.push(block);
      open = null;
      return;
    }
    open.lines.push(line.slice(Math.min(open.indent, line.search(/\S|$/))));
  });
  return blocks;
}

/** The text with its fenced blocks blanked (kept as empty lines, so line numbers stay). */
export function withoutFences(text: string): string {
  let inside: string | null = null;
  return text.split("\n").map((line) => {
    const m = FENCE.exec(line);
    if (inside === null) {
      if (m) inside = m[2];
      return m ? "" : line;
    }
    if (m && m[2].startsWith(inside) && m[3].trim() === "") inside = null;
    return "";
  }).join("\n");
}

/** A command of a ```sh run block: the shell line and the words its output must show. */
export interface DocCommand {
  file: string;
  line: number;
  command: string;
  /** From a trailing `# prints: A B C` comment: words the output shows in this order. */
  prints: string[];
}

/** Where a `#` comment starts in a shell line (outside quotes), or -1. */
function commentStart(line: string): number {
  let quote = "";
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "#" && (i === 0 || /\s/.test(line[i - 1]))) return i;
  }
  return -1;
}

/** The commands of every ```sh run block of `file`: one per line, `\` continuations joined. */
export function runnableCommands(file: string, text: string): DocCommand[] {
  const commands: DocCommand[] = [];
  for (const block of fencedBlocks(text)) {
    if (block.info !== "sh run") continue;
    let pending = "";
    let start = 0;
    block.lines.forEach((raw, i) => {
      const at = commentStart(raw);
      const code = (at < 0 ? raw : raw.slice(0, at)).trimEnd();
      const comment = at < 0 ? "" : raw.slice(at + 1).trim();
      if (!pending) start = block.line + 1 + i;
      if (code.endsWith("\\")) {
        pending += code.slice(0, -1) + " ";
        return;
      }
      const command = (pending + code).trim();
      pending = "";
      if (!command) return;
      const prints = comment.startsWith("prints:")
        ? comment.slice("prints:".length).trim().split(/\s+/).filter(Boolean)
        : [];
      commands.push({ file, line: start, command, prints });
    });
  }
  return commands;
}

/** A `kvm-manager WORD [WORD]` the docs name: the words as written (alternatives split). */
export interface Mention {
  file: string;
  line: number;
  command: string[];
  sub: string[];
}

// kvm-manager where a command starts: at the start of a line or code span, or after a shell
// operator, `$ `, `sudo ` or a path; then its first two words.
const MENTION =
  /(?:^|[\n;|&(]\s*|\$\s|sudo\s)\s*(?:[\w./-]*\/)?kvm-manager[ \t]+([^\s`]+)(?:[ \t]+([^\s`]+))?/g;

/** Words as the docs write them: `a|b|c` is three; `[list]` is `list`; placeholders are dropped. */
function words(token: string | undefined): string[] {
  if (!token) return [];
  return token.replace(/[[\]]/g, "").split("|").filter((w) => /^(--)?[a-z][a-z0-9-]*$/.test(w));
}

/** Every `kvm-manager …` command named in code (fenced blocks and `inline` spans) of `file`. */
export function commandMentions(file: string, text: string): Mention[] {
  const found: Mention[] = [];
  const scan = (code: string, line: number) => {
    for (const m of code.matchAll(MENTION)) {
      const before = code.slice(0, m.index! + m[0].indexOf("kvm-manager"));
      found.push({
        file,
        line: line + before.split("\n").length - 1,
        command: words(m[1]),
        sub: words(m[2]),
      });
    }
  };
  for (const block of fencedBlocks(text)) scan(block.lines.join("\n"), block.line + 1);
  const prose = withoutFences(text);
  for (const m of prose.matchAll(/(`+)([\s\S]+?)\1/g)) {
    scan(
      m[2].replace(/\|\s+/g, "|").replace(/\s+/g, " "),
      prose.slice(0, m.index!).split("\n").length,
    );
  }
  return found.filter((m) => m.command.length > 0);
}

/** `path` relative to the project, for messages. */
export const shown = (path: string) => relative(ROOT, join(ROOT, path));
