// A translated sentence with elements inside it: `text` is t()'s result, its `{{name}}`
// placeholders left in by passing them through (t("Open {{link}} first", { link: "{{link}}" })),
// and each one is replaced by `parts[name]`, so a link keeps its place in any word order.

import type { ComponentChildren } from "preact";

export function Trans(
  { text, parts }: { text: string; parts: Record<string, ComponentChildren> },
) {
  const pieces = text.split(/\{\{\s*(\w+)\s*\}\}/);
  return (
    <>
      {pieces.map((piece, i) => i % 2 === 0 ? piece : (parts[piece] ?? `{{${piece}}}`))}
    </>
  );
}
