// /host/devices: the host's PCI, USB and mediated devices, and which VM has each.

import type { HostDeviceInventory } from "../../shared/host_devices.ts";
import HostDevices from "../../islands/HostDevices.tsx";
import { Island } from "../../components/Island.tsx";
import { t } from "../../shared/i18n/t.ts";
import { PageHead } from "./_page_head.tsx";
import type { PageKit } from "../page_kit.tsx";
import { staleOf } from "../page_render.tsx";
import { STORAGE_STYLES } from "../page_styles.ts";

function HostDevicesPage(
  { inventory, error }: { inventory: HostDeviceInventory | null; error: string | null },
) {
  return (
    <>
      <PageHead title={t("Host devices")} muted>
        {t(
          "The host's PCI and USB devices, for passthrough to VMs: IOMMU groups pass through together, and a device the host needs itself must stay with it.",
        )}
      </PageHead>
      <section class="card">
        <Island name="HostDevices" component={HostDevices} props={{ inventory, error }} />
      </section>
    </>
  );
}

export default function (page: PageKit) {
  page.page("/host/devices", "Host devices page", async (c) => {
    const read = await page.known.read<HostDeviceInventory>(
      "host-devices",
      () => page.ctx.hostDevices.inventory(),
    );
    return page.render(c, <HostDevicesPage inventory={read.value} error={page.missing(read)} />, {
      title: t("Host devices"),
      active: "host_devices",
      styles: STORAGE_STYLES,
      stale: staleOf([read]),
    });
  });
}
