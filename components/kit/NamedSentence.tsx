// A paragraph whose translated sentence names things in bold ("Delete the network **lan**?"),
// with whatever follows it in the same paragraph (what else the action does): the words every
// delete, revert and restore question here is made of.

import type { ComponentChildren } from "preact";
import { Trans } from "./Trans.tsx";

interface Props {
  /** t()'s result with each `{{key}}` of `names` left in. */
  text: string;
  /** What stands, bold, at each placeholder. */
  names: Record<string, ComponentChildren>;
  /** Said after the sentence, in the same paragraph. */
  more?: ComponentChildren;
}

export function NamedSentence({ text, names, more }: Props) {
  const parts: Record<string, ComponentChildren> = {};
  for (const [key, name] of Object.entries(names)) parts[key] = <strong>{name}</strong>;
  return (
    <p>
      <Trans text={text} parts={parts} />
      {more !== undefined && <>{" "}{more}</>}
    </p>
  );
}
