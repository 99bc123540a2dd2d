/// <reference lib="deno.unstable" />
// Lint rules that keep the UI translatable (deno.json's lint.plugins runs them with `deno lint`;
// scripts/lint/i18n_plugin_test.ts checks them and the whole UI with them):
// - translate/untranslated-text: words a user reads, written in English straight into the UI
//   instead of through t() (shared/i18n/t.ts): JSX text, text attributes (title, aria-label,
//   placeholder, label, ...), strings shown as JSX children, text-like object fields
//   ({ label: "..." }) and sentences anywhere else.
// - translate/t-at-load: t() called when a module loads, outside any function: it would run
//   once, before the page's language is known. Mark such keys with tKey() and call t() where
//   the text is shown.
// A line that really must stay as written says why in `// deno-lint-ignore translate/... -- why`.

/** The UI's source: what the browser and the page renderer show. Tests are not UI. */
export function isUiFile(filename: string): boolean {
  const path = filename.replaceAll("\\", "/");
  if (/_test\.tsx?$/.test(path) || /\/islands\/entries\//.test(path)) return false;
  return /\/(islands|components|routes\/pages)\//.test(path) ||
    UI_FILES.some((f) => path.endsWith(f));
}

// UI text outside islands/ and components/: page routes, and the shared words both the browser
// and the API say.
const UI_FILES = [
  "/routes/page_kit.tsx",
  "/routes/login_page.tsx",
  "/routes/api_reference.tsx",
];

/** Attributes and object fields that hold words a user reads. */
const TEXT_NAME =
  /^(title|alt|placeholder|aria-label|aria-description|aria-roledescription|aria-valuetext)$|(label|Label|text|Text|title|Title|hint|Hint|message|Message|heading|Heading|legend|caption|question|Question|summary|description|Description|empty|Empty|tooltip|confirm|Confirm|noun|verb)$/;

const FUNCTION_TYPES = new Set([
  "FunctionDeclaration",
  "FunctionExpression",
  "ArrowFunctionExpression",
]);

/** The calls whose string arguments are not shown: keys, logs, selectors, events. */
const QUIET_CALLS = new Set([
  "t",
  "tKey",
  "log",
  "warn",
  "error",
  "debug",
  "info",
  "querySelector",
  "querySelectorAll",
  "getElementById",
  "addEventListener",
  "removeEventListener",
  "getAttribute",
  "setAttribute",
  "removeAttribute",
  "hasAttribute",
  "closest",
  "matches",
  "startsWith",
  "endsWith",
  "includes",
  "split",
  "join",
  "replace",
  "replaceAll",
  "test",
  "get",
  "set",
  "has",
  "append",
  "delete",
  "fetch",
  "header",
  // A page file's route declaration (routes/page_kit.tsx) and a VM tab's: their summary is the
  // API's words, for the OpenAPI document.
  "page",
  "vmTab",
]);

const hasWord = (text: string) => /\p{L}{2,}/u.test(text);

// Common English words that make a run of lowercase words a sentence, not a class list.
const SMALL_WORDS =
  /\b(the|a|an|is|are|was|be|of|to|in|on|for|with|and|or|not|no|this|that|from|at|by|as|it|its|has|have|can|cannot|will|must|yet|any|all|one|none)\b/;

/** Whether a string in code reads as words for a person, not an identifier or a class list. */
export function looksLikeSentence(text: string): boolean {
  const s = text.trim();
  if (!hasWord(s)) return false;
  if (/^[\w.-]+:\/\//.test(s) || /^[/#.[]/.test(s)) return false; // URLs, paths, selectors
  if (/^\p{Lu}\p{Ll}/u.test(s) && (/\s/.test(s) || /[.?!:…]$/.test(s))) return true;
  return /\s/.test(s) && SMALL_WORDS.test(s) && !/[{}=;<>]/.test(s);
}

type Node = Deno.lint.Node;

function nameOf(node: Node): string | null {
  if (node.type === "Identifier") return node.name;
  if (node.type === "Literal" && typeof node.value === "string") return node.value;
  if (node.type === "JSXIdentifier") return node.name;
  if (node.type === "JSXNamespacedName") return `${node.namespace.name}:${node.name.name}`;
  return null;
}

function calleeName(node: Deno.lint.CallExpression | Deno.lint.NewExpression): string | null {
  const callee = node.callee;
  if (callee.type === "Identifier") return callee.name;
  if (callee.type === "MemberExpression" && callee.property.type === "Identifier") {
    return callee.property.name;
  }
  return null;
}

/**
 * Where a string ends up, following it out through ?:, &&, ||, ?? and template literals:
 * "child" (shown as JSX text), "text" (a text attribute or field), "quiet" (a key, a class, a
 * comparison, an argument nobody reads) or "other".
 */
function destination(node: Node): "child" | "text" | "quiet" | "other" {
  let child: Node = node;
  let parent = (node as { parent?: Node }).parent;
  while (parent) {
    switch (parent.type) {
      case "ConditionalExpression":
        if (parent.test === child) return "quiet";
        break;
      case "LogicalExpression":
      case "TemplateLiteral":
      case "TSAsExpression":
      case "TSSatisfiesExpression":
      case "ParenthesizedExpression" as string:
        break;
      case "JSXExpressionContainer": {
        const up = (parent as { parent?: Node }).parent;
        if (up?.type === "JSXElement" || up?.type === "JSXFragment") return "child";
        break;
      }
      case "JSXAttribute": {
        const name = nameOf(parent.name) ?? "";
        // data-* attributes are read by scripts, not people.
        return TEXT_NAME.test(name) && !name.startsWith("data-") ? "text" : "quiet";
      }
      case "Property": {
        if (parent.key === child && !parent.computed) return "quiet";
        const name = nameOf(parent.key) ?? "";
        // t()'s `context` picks a form ("range"); it is no text.
        if (name === "context") return "quiet";
        return TEXT_NAME.test(name) ? "text" : "other";
      }
      case "BinaryExpression":
      case "SwitchCase":
      case "ImportDeclaration":
      case "ExportNamedDeclaration":
      case "ExportAllDeclaration":
      case "ImportExpression":
      case "TSLiteralType":
      case "TSEnumMember":
      case "MemberExpression":
        return "quiet";
      case "CallExpression":
      case "NewExpression": {
        const name = calleeName(parent);
        return name !== null && QUIET_CALLS.has(name) ? "quiet" : "other";
      }
      default:
        return "other";
    }
    child = parent;
    parent = (parent as { parent?: Node }).parent;
  }
  return "other";
}

const UNTRANSLATED = "Words a user reads go through t() (shared/i18n/t.ts)";

function checkString(ctx: Deno.lint.RuleContext, node: Node, text: string) {
  if (!hasWord(text)) return;
  const where = destination(node);
  if (where === "quiet") return;
  if (where === "child" || where === "text" || looksLikeSentence(text)) {
    ctx.report({ node, message: `${UNTRANSLATED}: "${text.trim().slice(0, 60)}"` });
  }
}

const plugin: Deno.lint.Plugin = {
  name: "translate",
  rules: {
    "untranslated-text": {
      create(ctx) {
        if (!isUiFile(ctx.filename)) return {};
        return {
          JSXText(node) {
            if (hasWord(node.value)) {
              ctx.report({ node, message: `${UNTRANSLATED}: "${node.value.trim().slice(0, 60)}"` });
            }
          },
          Literal(node) {
            if (typeof node.value === "string") checkString(ctx, node, node.value);
          },
          TemplateLiteral(node) {
            // Placeholders stand in as "0" so that "${n} VMs" still reads as words.
            const text = node.quasis.map((q) => q.cooked ?? q.raw).join("0");
            checkString(ctx, node, text);
          },
        };
      },
    },
    "t-at-load": {
      create(ctx) {
        // Server code too: a message made when a module loads would be English for everyone.
        if (/_test\.tsx?$/.test(ctx.filename)) return {};
        return {
          CallExpression(node) {
            if (node.callee.type !== "Identifier" || node.callee.name !== "t") return;
            for (
              let up = node.parent as Node | undefined;
              up;
              up = (up as { parent?: Node }).parent
            ) {
              if (FUNCTION_TYPES.has(up.type)) return;
            }
            ctx.report({
              node,
              message:
                "t() at load time runs before the language is known: use tKey() here and t() where it is shown",
            });
          },
        };
      },
    },
  },
};

export default plugin;
