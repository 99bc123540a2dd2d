// The backups card of /vms/:id: "Back up now" with a mode, and this VM's backups with live
// progress, restore, delete and cancel.

import { BackupNowForm } from "./backups/BackupNowForm.tsx";
import { BackupPanel } from "./backups/BackupPanel.tsx";
import { useBackups } from "./backups/use_backups.ts";
import { Card } from "../components/kit/Card.tsx";
import { ErrorNotice } from "../components/kit/Notice.tsx";
import { useHydrated } from "../components/kit/use_hydrated.ts";
import { t } from "../shared/i18n/t.ts";

interface Props {
  vmId: string;
  vmName: string;
  [key: string]: unknown;
}

export default function VmBackups({ vmId, vmName }: Props) {
  const hydrated = useHydrated();
  const { backups, loadError, reload } = useBackups(vmId);
  const list = backups.value;
  return (
    <Card
      id="backups"
      title={t("Backups")}
      actions={<a href="/backups">{t("All backups")}</a>}
    >
      <BackupNowForm vmId={vmId} disabled={!hydrated.value} onStarted={reload} />
      <ErrorNotice message={loadError.value} />
      <BackupPanel
        backups={list}
        all={list ?? []}
        empty={t("No backups of {{name}} yet.", { name: vmName })}
        busy={!hydrated.value}
        onChanged={reload}
      />
    </Card>
  );
}
