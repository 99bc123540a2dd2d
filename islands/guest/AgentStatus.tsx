// Which guest agents answer (badge and one line per agent), why not when one is missing, and
// how to install them.

import type { GuestAgentState } from "../../shared/guest.ts";
import { agentBadge, channelLabel } from "./format.ts";

interface Props {
  agent: GuestAgentState;
  /** The VM runs: installing an agent would help (a stopped VM's agents cannot answer). */
  running: boolean;
}

export function AgentStatus({ agent, running }: Props) {
  const badge = agentBadge(agent);
  return (
    <>
      <dl class="props">
        <dt>Agent</dt>
        <dd>
          <span class={badge.class} data-agent-status={agent.status}>{badge.label}</span>
        </dd>
        <dt>QEMU guest agent</dt>
        <dd>{channelLabel(agent.qemu)}</dd>
        <dt>KVM Manager agent</dt>
        <dd>{channelLabel(agent.kvmm, agent.kvmm.version)}</dd>
      </dl>
      {agent.reason && (
        <p class="guest-reason">
          {agent.status === "none" ? "No guest agent answers: " : ""}
          {agent.reason}
        </p>
      )}
      {running && agent.status !== "both" && <InstallHint agent={agent} />}
    </>
  );
}

function InstallHint({ agent }: { agent: GuestAgentState }) {
  return (
    <details class="guest-install" open={agent.status === "none"}>
      <summary>Installing the guest agents</summary>
      {!agent.qemu.connected && (
        <p>
          QEMU guest agent (addresses, OS, filesystems, freeze):{" "}
          <code>apt install qemu-guest-agent</code>{" "}
          in the guest (or the package of its distribution), then start it.
        </p>
      )}
      {!agent.kvmm.connected && (
        <p class="needs-admin">
          KVM Manager agent (commands, files, clean shutdown; runs with Deno in the guest):{" "}
          <a href="/agent/kvmm-agent.js">kvmm-agent.js</a>, its systemd unit{" "}
          <a href="/agent/kvmm-agent.service">kvmm-agent.service</a> and an example{" "}
          <a href="/agent/config.json">config.json</a> for <code>/etc/kvmm-agent/config.json</code>.
        </p>
      )}
      <p class="form-hint">
        Each agent also needs its channel in the VM (VMs made by the wizard have both).
      </p>
    </details>
  );
}
