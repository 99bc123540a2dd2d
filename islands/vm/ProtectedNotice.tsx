// What the delete dialogs (the VM page's and the list's batch) say of a protected VM: that it is
// refused, and where the protection is removed (the Hardware tab's Protection card).

import { ProtectedMark } from "../../components/vm/ProtectedMark.tsx";
import { vmTabHref } from "../../components/vm/tabs.ts";
import { t } from "../../shared/i18n/t.ts";

/** The API's own refusal (409 VM_PROTECTED), word for word. */
export const protectedWords = (name: string) =>
  t("{{name}} is protected — remove the protection to delete it", { name });

/** `host`: the VM's host where it is not this server's own (the all-hosts list). */
export function ProtectedNotice(
  { vmId, name, host }: { vmId: string; name: string; host?: string },
) {
  const query = host ? `?host=${encodeURIComponent(host)}` : "";
  return (
    <p class="notice notice-warning vm-protected-notice" role="alert">
      <ProtectedMark /> {protectedWords(name)}{" "}
      {/* On the Hardware tab itself the link only scrolls: the dialog steps aside. */}
      <a
        href={`${vmTabHref(vmId, "hardware")}${query}#protection-title`}
        onClick={(e) => e.currentTarget.closest("dialog")?.close()}
      >
        {t("Protection settings")}
      </a>
    </p>
  );
}
