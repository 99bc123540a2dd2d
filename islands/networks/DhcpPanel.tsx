// The DHCP range editor of a network page: change the range, or turn DHCP off.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { NetworkInfo } from "../../shared/networks.ts";
import { OutcomeNote, useAction } from "../settings/Outcome.tsx";
import { setDhcpRange } from "./api.ts";
import { Button } from "../../components/kit/Button.tsx";
import { Card } from "../../components/kit/Card.tsx";
import { InlineField } from "../../components/kit/controls.tsx";
import { rangesText } from "./NetworkFacts.tsx";
import { suggestedRange } from "./NewNetworkForm.tsx";
import { t } from "../../shared/i18n/t.ts";
import { bindSignal } from "../../components/kit/bind_signal.ts";

interface Props {
  network: NetworkInfo & { ipv4: NonNullable<NetworkInfo["ipv4"]> };
  ready: boolean;
  onChanged: (n: NetworkInfo) => void;
}

export function DhcpPanel({ network, ready, onChanged }: Props) {
  const { dhcp, ranges, subnet } = network.ipv4;
  const initial = dhcp ?? suggestedRange(subnet) ?? { start: "", end: "" };
  const start = useSignal(initial.start);
  const end = useSignal(initial.end);
  const action = useAction();

  // Follow a change made elsewhere (another tab, virsh) to what the network has.
  useEffect(() => {
    if (!dhcp) return;
    start.value = dhcp.start;
    end.value = dhcp.end;
  }, [dhcp?.start, dhcp?.end]);

  const save = (e: Event) => {
    e.preventDefault();
    action.run(async () => {
      const n = await setDhcpRange(network.name, {
        start: start.value.trim(),
        end: end.value.trim(),
      });
      onChanged(n);
      return t("DHCP range saved: {{start}} – {{end}}.", {
        start: n.ipv4?.dhcp?.start,
        end: n.ipv4?.dhcp?.end,
      });
    });
  };
  const turnOff = () =>
    action.run(async () => {
      onChanged(await setDhcpRange(network.name, null));
      return t("DHCP turned off.");
    });

  const busy = !ready || action.busy.value;
  return (
    <Card id="dhcp" title={t("DHCP range")}>
      <p class="muted">
        {dhcp
          ? t("Guests get addresses from {{ranges}}.", { ranges: rangesText(ranges) })
          : t("DHCP is off: guests need static addresses.")} {ranges.length > 1
          ? t(
            "Applies to the running network and its saved configuration; saving replaces all {{number}} ranges.",
            { number: ranges.length },
          )
          : t("Applies to the running network and its saved configuration.")}
      </p>
      <form class="row-form needs-admin" onSubmit={save} aria-label={t("DHCP range")}>
        <InlineField
          id="dhcp-start"
          label={t("Start", { context: "range" })}
          required
          {...bindSignal(start)}
        />
        <InlineField
          id="dhcp-end"
          label={t("End", { context: "range" })}
          required
          {...bindSignal(end)}
        />
        <Button type="submit" kind="primary" disabled={busy}>
          {dhcp ? t("Save range") : t("Turn on DHCP")}
        </Button>
        {dhcp && <Button disabled={busy} onClick={turnOff}>{t("Turn off DHCP")}</Button>}
      </form>
      <OutcomeNote outcome={action.outcome.value} />
    </Card>
  );
}
