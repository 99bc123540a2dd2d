// /host/network: this machine's interfaces, bridges over its NICs staged and applied with a
// rollback (lib/host_network/), for admins. Where the host's network is not this machine's to
// change (a remote host, the demo) the page says why in one sentence instead.

import type { HostNetworkState } from "../../shared/host_network.ts";
import type { NetworkInfo } from "../../shared/networks.ts";
import HostNetwork from "../../islands/HostNetwork.tsx";
import { Island } from "../../components/Island.tsx";
import { Notice } from "../../components/kit/Notice.tsx";
import { hostNetworkFeature } from "../../lib/host_network/feature.ts";
import { t } from "../../shared/i18n/t.ts";
import type { PageKit } from "../page_kit.tsx";
import { readNow } from "../page_data.ts";

/** A NIC name as the Networks page links it (?nic=NAME); anything else is not pre-chosen. */
const NIC_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,14}$/;

export default function (page: PageKit) {
  page.page(
    "/host/network",
    "Host network page: interfaces, bridges over NICs, staged changes applied with a rollback",
    async (c) => {
      // Not a libvirt read: ip and the interfaces file answer at once, or the page says why.
      const read = await readNow<HostNetworkState>(() =>
        page.ctx.features.get(hostNetworkFeature).service.state()
      );
      const state = read.value;
      const unsupported = read.error?.code === "NOT_SUPPORTED" ? read.error.message : null;
      const error = unsupported ? null : page.missing(read);
      // The libvirt networks on host bridges: a bridge without one is offered to VMs from here
      // (the create wizard lists libvirt networks). Unknown while libvirt does not answer.
      const networks = unsupported ? null : await page.known.read<NetworkInfo[]>(
        "networks",
        () => page.ctx.networks.list(),
      );
      const vmNetworks =
        networks?.value?.flatMap((n) =>
          n.mode === "bridge" && n.bridge ? [{ name: n.name, bridge: n.bridge }] : []
        ) ?? null;
      const nic = c.req.query("nic") ?? "";
      const body = unsupported ? <Notice tone="info">{unsupported}</Notice> : (
        <Island
          name="HostNetwork"
          component={HostNetwork}
          props={{ state, error, vmNetworks, nic: NIC_NAME.test(nic) ? nic : null }}
        />
      );
      return page.render(c, body, {
        title: t("Host network"),
        head: {
          muted: true,
          lead: t(
            "This host's interfaces and bridges. Changes are staged, shown as a diff of /etc/network/interfaces, applied with ifupdown2 in one step, and roll back by themselves unless kept in time.",
          ),
        },
        active: "host_network",
        styles: ["/static/host_network.css"],
      });
    },
    "admin",
  );
}
