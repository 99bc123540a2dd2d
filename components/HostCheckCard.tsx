// The dashboard's host check card: what keeps this host from running VMs well (hardware
// virtualisation, KVM that cannot run a guest, no IOMMU, no UEFI, no default network or pool),
// each with what to do; the passed checks folded away.

import type { HostCheck, HostCheckItem, HostCheckStatus } from "../shared/host_check.ts";
import { t, tKey } from "../shared/i18n/t.ts";
import { Badge, type BadgeTone } from "./kit/Badge.tsx";

const TONE: Record<HostCheckStatus, BadgeTone> = {
  pass: "running",
  warn: "warning",
  fail: "critical",
};

const WORD: Record<HostCheckStatus, string> = {
  pass: tKey("Pass"),
  warn: tKey("Warning"),
  fail: tKey("Fail"),
};

function Item({ item }: { item: HostCheckItem }) {
  return (
    <li class={`host-check-item host-check-${item.status}`} data-check={item.id}>
      <Badge tone={TONE[item.status]}>{t(WORD[item.status])}</Badge> <strong>{item.title}</strong>:
      {" "}
      {item.detail}
      {item.fix && <p class="host-check-fix">{item.fix}</p>}
    </li>
  );
}

export function HostCheckCard({ check }: { check: HostCheck }) {
  const open = check.items.filter((i) => i.status !== "pass");
  const passed = check.items.filter((i) => i.status === "pass");
  return (
    // With problems, the whole row: each says what to do, which needs room.
    <section
      class={`card host-check ${open.length > 0 ? "card-full" : ""}`}
      aria-labelledby="host-check-title"
    >
      <h2 id="host-check-title">{t("Host check")}</h2>
      <p class={check.kvmUsable ? "verdict-ok" : "host-check-verdict"}>
        {check.kvmUsable
          ? t("New VMs run with KVM (hardware virtualisation).")
          : t("New VMs run in software emulation, much slower than KVM: see below.")}
      </p>
      {open.length > 0 && (
        <ul class="host-check-list">
          {open.map((item) => <Item key={item.id} item={item} />)}
        </ul>
      )}
      {passed.length > 0 && (
        <details>
          <summary>{t("{{count}} checks passed", { count: passed.length })}</summary>
          <ul class="host-check-list">
            {passed.map((item) => <Item key={item.id} item={item} />)}
          </ul>
        </details>
      )}
    </section>
  );
}
