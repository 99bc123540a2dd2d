// /host/devices: the host's PCI, USB and mediated devices, and which VM has each.

import type { HostDeviceInventory } from "../../shared/host_devices.ts";
import HostDevices from "../../islands/HostDevices.tsx";
import { Island } from "../../components/Island.tsx";
import { t } from "../../shared/i18n/t.ts";
import type { PageKit } from "../page_kit.tsx";
import { STORAGE_STYLES } from "../page_styles.ts";
import { renderListPage } from "./_list_page.tsx";

export default function (page: PageKit) {
  page.page("/host/devices", "Host devices page", async (c) => {
    const read = await page.known.read<HostDeviceInventory>(
      "host-devices",
      () => page.ctx.hostDevices.inventory(),
    );
    const island = (inventory: HostDeviceInventory | null, error: string | null) => (
      <Island name="HostDevices" component={HostDevices} props={{ inventory, error }} />
    );
    return renderListPage(page, c, read, island, {
      title: t("Host devices"),
      lead: t(
        "The host's PCI and USB devices, for passthrough to VMs: IOMMU groups pass through together, and a device the host needs itself must stay with it.",
      ),
      active: "host_devices",
      styles: STORAGE_STYLES,
    });
  });
}
