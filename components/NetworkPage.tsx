// Body of a network's tabs (`/networks/:net` Overview, `/dhcp`, `/forwards`, `/leases`): one
// island that draws the header, the tab bar and the tab.

import type { NetworkInfo } from "../shared/networks.ts";
import type { NetworkTab } from "../islands/networks/tabs.ts";
import NetworkDetails from "../islands/NetworkDetails.tsx";
import { Island } from "./Island.tsx";
import { t } from "../shared/i18n/t.ts";

export function NetworkPage(
  { name, tab, network, error }: {
    name: string;
    tab: NetworkTab;
    network: NetworkInfo | null;
    error: string | null;
  },
) {
  return (
    <>
      <p class="breadcrumb">
        <a href="/networks">{t("Networks")}</a> / {name}
      </p>
      <Island
        name="NetworkDetails"
        component={NetworkDetails}
        props={{ name, tab, network, error }}
      />
    </>
  );
}
