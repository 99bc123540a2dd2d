// Which guest agents answer (badge and one line per agent), why not when one is missing, and
// how to install them.

import type { GuestAgentState } from "../../shared/guest.ts";
import { agentBadge, channelLabel } from "./format.ts";
import { Trans } from "../../components/kit/Trans.tsx";
import { t } from "../../shared/i18n/t.ts";
import { LastSeen } from "./LastSeen.tsx";

interface Props {
  vmId: string;
  agent: GuestAgentState;
  /** The VM runs: installing an agent would help (a stopped VM's agents cannot answer). */
  running: boolean;
}

export function AgentStatus({ vmId, agent, running }: Props) {
  const badge = agentBadge(agent);
  return (
    <>
      <dl class="props">
        <dt>{t("Agent")}</dt>
        <dd>
          <span class={badge.class} data-agent-status={agent.status}>{badge.label}</span>
        </dd>
        <dt>{t("QEMU guest agent")}</dt>
        <dd>{channelLabel(agent.qemu)}</dd>
        <dt>{t("KVM Manager agent")}</dt>
        <dd>{channelLabel(agent.kvmm, agent.kvmm.version)}</dd>
        {running && (
          <>
            <dt>{t("Heartbeat")}</dt>
            <dd>
              <LastSeen vmId={vmId} />
            </dd>
          </>
        )}
      </dl>
      {agent.reason && (
        <p class="guest-reason">
          {agent.status === "none"
            ? t("No guest agent answers: {{reason}}", { reason: agent.reason })
            : agent.reason}
        </p>
      )}
      {running && agent.status !== "both" && <InstallHint agent={agent} />}
    </>
  );
}

function InstallHint({ agent }: { agent: GuestAgentState }) {
  return (
    <details class="guest-install" open={agent.status === "none"}>
      <summary>{t("Installing the guest agents")}</summary>
      {!agent.qemu.connected && (
        <p>
          <Trans
            text={t(
              "QEMU guest agent (addresses, OS, filesystems, freeze): {{command}} in the guest (or the package of its distribution), then start it.",
              { command: "{{command}}" },
            )}
            parts={{
              // deno-lint-ignore translate/untranslated-text -- a command line, not words
              command: <code>apt install qemu-guest-agent</code>,
            }}
          />
        </p>
      )}
      {!agent.kvmm.connected && (
        <p class="needs-admin">
          <Trans
            text={t(
              "KVM Manager agent (commands, files, clean shutdown; runs with Deno in the guest): {{script}}, its systemd unit {{unit}} and an example {{config}} for {{path}}.",
              { script: "{{script}}", unit: "{{unit}}", config: "{{config}}", path: "{{path}}" },
            )}
            parts={{
              script: agentFile("kvmm-agent.js"),
              unit: agentFile("kvmm-agent.service"),
              config: agentFile("config.json"),
              // deno-lint-ignore translate/untranslated-text -- a path, not words
              path: <code>/etc/kvmm-agent/config.json</code>,
            }}
          />
        </p>
      )}
      <p class="form-hint">
        {t("Each agent also needs its channel in the VM (VMs made by the wizard have both).")}
      </p>
    </details>
  );
}

/** One of the agent's files, linked for download, by its name, which no language changes. */
const agentFile = (name: string) => (
  <a href={`/agent/${name}`}>
    <code>{name}</code>
  </a>
);
