// Recovery codes, shown once right after they are made: each signs in once in place of a code.

import type { ComponentChildren } from "preact";
import { Notice } from "../../components/kit/Notice.tsx";
import { t } from "../../shared/i18n/t.ts";

export function RecoveryCodes(
  { codes, children }: { codes: string[]; children?: ComponentChildren },
) {
  return (
    <div class="recovery-codes">
      <Notice tone="warning">
        {t(
          "Keep these recovery codes somewhere safe: each signs in once in place of a code, and they are not shown again.",
        )}
      </Notice>
      <ol class="recovery-code-list" aria-label={t("Recovery codes")}>
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      {children}
    </div>
  );
}
