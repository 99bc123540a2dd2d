// Select choices the wizard's steps build alike: a saved value the host no longer lists, and
// names shown as they are.

import type { Options } from "../../components/kit/controls.tsx";
import { t } from "../../shared/i18n/t.ts";

/** The draft's pool or network when the host does not list it, so the select still shows it. */
export const notFoundChoice = (name: string, known: boolean): Options =>
  known ? [] : [[name, t("{{name}} (not found)", { name })]];

/** Choices shown by their own names (qcow2, virtio), which no language changes. */
export const namesAsIs = (names: readonly string[]): Options => names.map((n) => [n, n]);
