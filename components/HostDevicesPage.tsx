// Body of `/host/devices`: the host's PCI and USB devices.

import type { HostDeviceInventory } from "../shared/host_devices.ts";
import HostDevices from "../islands/HostDevices.tsx";
import { Island } from "./Island.tsx";
import { t } from "../shared/i18n/t.ts";

export function HostDevicesPage(
  { inventory, error }: { inventory: HostDeviceInventory | null; error: string | null },
) {
  return (
    <>
      <h1>{t("Host devices")}</h1>
      <p class="muted lead">
        {t(
          "The host's PCI and USB devices, for passthrough to VMs: IOMMU groups pass through together, and a device the host needs itself must stay with it.",
        )}
      </p>
      <section class="card">
        <Island name="HostDevices" component={HostDevices} props={{ inventory, error }} />
      </section>
    </>
  );
}
