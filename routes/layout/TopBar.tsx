// The compact top bar: the menu button (the drawer on small screens, folding the side
// navigation on wide ones), the brand, the command palette's button, the host switcher or the
// libvirt URI, the task log's button and panel, and the user menu (with the language choice).

import type { Identity } from "../../shared/auth.ts";
import type { ConnectionStatus } from "../../shared/host.ts";
import { ALL_HOSTS, type HostStatus } from "../../shared/hosts.ts";
import TaskPanel, { type TaskPanelProps } from "../../islands/tasks/TaskPanel.tsx";
import CommandPalette from "../../islands/CommandPalette.tsx";
import { Trans } from "../../components/kit/Trans.tsx";
import LanguageChoice from "../../islands/shell/LanguageChoice.tsx";
import { t } from "../../shared/i18n/t.ts";
import { SHELL_ISLAND_ATTR, SIDEBAR_ID, USER_MENU_ID } from "../../components/shell/ids.ts";

/** The host a page shows ("all" for the merged view) and every host, for the switcher. */
export interface PageHosts {
  current: { id: string; name: string };
  all: HostStatus[];
  /** The request's path: the switcher stays in its section (/vms/x → /vms). */
  path: string;
}

/** The product's name, the same in every language. */
const PRODUCT = "KVM Manager";

interface Props {
  hosts?: PageHosts;
  connection: ConnectionStatus;
  identity?: Identity;
  /** KVM Manager's version (deno.json), shown in the user menu. */
  version?: string;
}

export function TopBar({ hosts, connection, identity, version }: Props) {
  return (
    <header class="topbar">
      <button
        type="button"
        class="menu-button"
        id="menu-button"
        aria-controls={SIDEBAR_ID}
        aria-expanded="true"
        aria-label={t("Navigation")}
        title={t("Show or hide the navigation")}
      >
        <span class="menu-icon" aria-hidden="true" />
      </button>
      <a class="brand" href="/">{PRODUCT}</a>
      {identity && <PaletteEntry />}
      {hosts && hosts.all.length > 1
        ? <HostSwitcher hosts={hosts} />
        : <span class="topbar-uri" title={t("libvirt connection URI")}>{connection.uri}</span>}
      {identity && <TaskMenu identity={identity} />}
      {identity && <UserMenu identity={identity} version={version} />}
    </header>
  );
}

/** The command palette's button and dialogs, hydrated by islands/entries/shell.ts. */
function PaletteEntry() {
  return (
    <div {...{ [SHELL_ISLAND_ATTR]: "CommandPalette" }} class="palette-island">
      <CommandPalette />
    </div>
  );
}

/** The Tasks button and its panel, hydrated by islands/entries/shell.ts. */
function TaskMenu({ identity }: { identity: Identity }) {
  const props: TaskPanelProps = {
    user: identity.user,
    role: identity.role,
    servedAt: Date.now(),
  };
  return (
    <div {...{ [SHELL_ISLAND_ATTR]: "TaskPanel" }} data-props={JSON.stringify(props)}>
      <TaskPanel {...props} />
    </div>
  );
}

function UserMenu({ identity, version }: { identity: Identity; version?: string }) {
  return (
    <div class="user-menu">
      <button
        type="button"
        class="user-menu-button"
        id="user-menu-button"
        aria-expanded="false"
        aria-controls={USER_MENU_ID}
        title={t("Signed in as {{user}} ({{role}})", { user: identity.user, role: identity.role })}
      >
        <span class="user-name">{identity.user}</span>
        <span class="user-role">· {identity.role}</span>
        <span class="tree-chevron" aria-hidden="true" />
      </button>
      <div class="user-menu-panel" id={USER_MENU_ID} hidden>
        <p class="user-menu-who">
          <Trans
            text={t("Signed in as {{user}}", { user: "{{user}}" })}
            parts={{ user: <strong>{identity.user}</strong> }}
          />
          <br />
          {t("Role: {{role}}", { role: identity.role })}
        </p>
        <div {...{ [SHELL_ISLAND_ATTR]: "LanguageChoice" }}>
          <LanguageChoice />
        </div>
        <a class="button button-small" id="account-security" href="/account">
          {t("Sign-in security")}
        </a>
        <a class="button button-small" id="help-link" href="/help">{t("Help")}</a>
        <button type="button" class="button button-small" id="sign-out">{t("Sign out")}</button>
        {version && (
          <p class="user-menu-about" id="about-version">
            {t("{{product}} version {{version}}", { product: PRODUCT, version })}
          </p>
        )}
      </div>
    </div>
  );
}

/**
 * One select that switches host on change (islands/entries/shell.ts); without script, the
 * Switch button submits the same GET form.
 */
function HostSwitcher({ hosts }: { hosts: PageHosts }) {
  const section = `/${hosts.path.split("/")[1] ?? ""}`;
  return (
    <form class="host-switcher" method="get" action={section}>
      <label>
        <span class="sr-only">{t("Host")}</span>
        <select name="host" aria-label={t("Host")} title={t("The libvirt host these pages show")}>
          {hosts.all.map((h) => (
            <option key={h.id} value={h.id} selected={h.id === hosts.current.id}>
              {h.connected ? h.name : t("{{name}} (disconnected)", { name: h.name })}
            </option>
          ))}
          <option value={ALL_HOSTS} selected={hosts.current.id === ALL_HOSTS}>
            {t("All hosts")}
          </option>
        </select>
      </label>
      <noscript>
        <button type="submit" class="button button-small">{t("Switch")}</button>
      </noscript>
    </form>
  );
}
