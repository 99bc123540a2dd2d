import { assert, assertEquals } from "../tests/support/assert.ts";
import { createApp } from "../routes/app.ts";
import type { Method } from "../routes/declare.ts";
import { RouteTable } from "../routes/route_table.ts";
import { withTestApp } from "../tests/harness/test_app.ts";
import * as paths from "./api_paths.ts";

type Case = [method: Method, path: string, route: string];

// Each path with the methods its callers use and the declared route it must reach. The routes
// are written out, not matched loosely: `/:id/clone` reaching `/:id/:action` would be a bug.
// Every sample name holds a slash, so a missing encodeURIComponent reaches no route.
const VM = "vm 1/x";
const CASES: Record<keyof typeof paths, Case[]> = {
  loginPath: [["post", paths.loginPath(), "/api/auth/login"]],
  logoutPath: [["post", paths.logoutPath(), "/api/auth/logout"]],
  oidcStartPath: [["get", paths.oidcStartPath("sso"), "/api/auth/oidc/:realm/start"]],
  oidcCallbackPath: [["get", paths.oidcCallbackPath(), "/api/auth/oidc/callback"]],
  whoAmIPath: [["get", paths.whoAmIPath(), "/api/auth/me"]],

  auditPath: [["get", paths.auditPath(), "/api/audit"]],
  auditActionsPath: [["get", paths.auditActionsPath(), "/api/audit/actions"]],

  tokensPath: [["get", paths.tokensPath(), "/api/tokens"], [
    "post",
    paths.tokensPath(),
    "/api/tokens",
  ]],
  tokenPath: [["delete", paths.tokenPath("t/1"), "/api/tokens/:id"]],
  tokenRotatePath: [["post", paths.tokenRotatePath("t/1"), "/api/tokens/:id/rotate"]],
  usersPath: [["get", paths.usersPath(), "/api/users"]],
  mySettingsPath: [
    ["get", paths.mySettingsPath(), "/api/me/settings"],
    ["put", paths.mySettingsPath(), "/api/me/settings"],
  ],
  userPath: [
    ["put", paths.userPath("ann b"), "/api/users/:user"],
    ["delete", paths.userPath("ann b"), "/api/users/:user"],
  ],
  realmsPath: [["get", paths.realmsPath(), "/api/realms"]],
  acmePath: [
    ["get", paths.acmePath(), "/api/acme"],
    ["put", paths.acmePath(), "/api/acme"],
    ["delete", paths.acmePath(), "/api/acme"],
  ],
  acmeOrderPath: [["post", paths.acmeOrderPath(), "/api/acme/order"]],
  realmPath: [
    ["put", paths.realmPath("r/1"), "/api/realms/:name"],
    ["delete", paths.realmPath("r/1"), "/api/realms/:name"],
  ],
  realmPreviewPath: [["post", paths.realmPreviewPath("r/1"), "/api/realms/:name/preview"]],

  myTwoFactorPath: [
    ["get", paths.myTwoFactorPath(), "/api/me/two-factor"],
    ["post", paths.myTwoFactorPath("totp"), "/api/me/two-factor/totp"],
    ["post", paths.myTwoFactorPath("totp-confirm"), "/api/me/two-factor/totp-confirm"],
    ["delete", paths.myTwoFactorPath("totp"), "/api/me/two-factor/totp"],
    ["post", paths.myTwoFactorPath("recovery"), "/api/me/two-factor/recovery"],
    ["post", paths.myTwoFactorPath("key-options"), "/api/me/two-factor/key-options"],
    ["post", paths.myTwoFactorPath("keys"), "/api/me/two-factor/keys"],
  ],
  myTwoFactorKeyPath: [
    ["delete", paths.myTwoFactorKeyPath("k/1"), "/api/me/two-factor/keys/:id"],
  ],
  secondFactorPath: [
    ["post", paths.secondFactorPath("verify"), "/api/auth/second-factor/verify"],
    ["post", paths.secondFactorPath("key-options"), "/api/auth/second-factor/key-options"],
    ["post", paths.secondFactorPath("key"), "/api/auth/second-factor/key"],
    ["post", paths.secondFactorPath("enrol-totp"), "/api/auth/second-factor/enrol-totp"],
    [
      "post",
      paths.secondFactorPath("enrol-totp-confirm"),
      "/api/auth/second-factor/enrol-totp-confirm",
    ],
    [
      "post",
      paths.secondFactorPath("enrol-key-options"),
      "/api/auth/second-factor/enrol-key-options",
    ],
    ["post", paths.secondFactorPath("enrol-key"), "/api/auth/second-factor/enrol-key"],
  ],
  twoFactorPolicyPath: [
    ["get", paths.twoFactorPolicyPath(), "/api/two-factor-policy"],
    ["put", paths.twoFactorPolicyPath("roles"), "/api/two-factor-policy/roles"],
  ],
  twoFactorAccountPath: [
    ["delete", paths.twoFactorAccountPath("ann b"), "/api/two-factor-policy/accounts/:user"],
  ],
  notifyTargetsPath: [
    ["get", paths.notifyTargetsPath(), "/api/notify/targets"],
    ["post", paths.notifyTargetsPath(), "/api/notify/targets"],
  ],
  notifyTargetPath: [
    ["put", paths.notifyTargetPath("t/1"), "/api/notify/targets/:id"],
    ["delete", paths.notifyTargetPath("t/1"), "/api/notify/targets/:id"],
  ],
  notifyTargetTestPath: [
    ["post", paths.notifyTargetTestPath("t/1"), "/api/notify/targets/:id/test"],
  ],
  notifyRulesPath: [
    ["get", paths.notifyRulesPath(), "/api/notify/rules"],
    ["post", paths.notifyRulesPath(), "/api/notify/rules"],
  ],
  notifyRulePath: [
    ["put", paths.notifyRulePath("r/1"), "/api/notify/rules/:id"],
    ["delete", paths.notifyRulePath("r/1"), "/api/notify/rules/:id"],
  ],

  hostsPath: [["get", paths.hostsPath(), "/api/hosts"], ["post", paths.hostsPath(), "/api/hosts"]],
  managedHostPath: [["delete", paths.managedHostPath("h/1"), "/api/hosts/:id"]],
  hostPath: [["get", paths.hostPath(), "/api/host"]],
  hostDevicesPath: [["get", paths.hostDevicesPath(), "/api/host/devices"]],
  clusterPath: [["get", paths.clusterPath(), "/api/cluster"]],
  clusterSharedPoolsPath: [
    ["get", paths.clusterSharedPoolsPath(), "/api/cluster/shared-pools"],
    ["put", paths.clusterSharedPoolsPath(), "/api/cluster/shared-pools"],
  ],
  clusterVmsPath: [["post", paths.clusterVmsPath(), "/api/cluster/vms"]],
  clusterVmPath: [["delete", paths.clusterVmPath("web/1"), "/api/cluster/vms/:resource"]],
  clusterVmActionPath: [
    ["post", paths.clusterVmActionPath("web/1", "start"), "/api/cluster/vms/:resource/:action"],
  ],
  clusterNodeActionPath: [
    ["post", paths.clusterNodeActionPath("n1", "standby"), "/api/cluster/nodes/:node/:action"],
  ],
  clusterOptionsPath: [["put", paths.clusterOptionsPath(), "/api/cluster/options"]],
  clusterFenceAgentsPath: [["get", paths.clusterFenceAgentsPath(), "/api/cluster/fence-agents"]],
  clusterFenceAgentPath: [
    ["get", paths.clusterFenceAgentPath("fence_virsh"), "/api/cluster/fence-agents/:agent"],
  ],
  clusterFencingPath: [["post", paths.clusterFencingPath(), "/api/cluster/fencing"]],
  clusterFencingDevicePath: [
    ["delete", paths.clusterFencingDevicePath("f/1"), "/api/cluster/fencing/:device"],
  ],
  clusterFencingTestPath: [
    ["post", paths.clusterFencingTestPath("f1"), "/api/cluster/fencing/:device/test"],
  ],
  hostTopologyPath: [["get", paths.hostTopologyPath(), "/api/host/topology"]],
  hostStartupRunPath: [
    ["post", paths.hostStartupRunPath("start"), "/api/host/startup/start"],
    ["post", paths.hostStartupRunPath("stop"), "/api/host/startup/stop"],
  ],
  hostMdevsPath: [[
    "post",
    paths.hostMdevsPath("pci_0000_41_00_0"),
    "/api/host/devices/:device/mdevs",
  ]],
  hostMdevPath: [["delete", paths.hostMdevPath("mdev_x"), "/api/host/mdevs/:name"]],
  hostNetworkPath: [["get", paths.hostNetworkPath(), "/api/host/network"]],
  hostNetworkStagedPath: [
    ["delete", paths.hostNetworkStagedPath(), "/api/host/network/staged"],
    ["post", paths.hostNetworkStagedPath("bridge"), "/api/host/network/staged/bridge"],
    ["post", paths.hostNetworkStagedPath("bond"), "/api/host/network/staged/bond"],
    ["post", paths.hostNetworkStagedPath("vlan"), "/api/host/network/staged/vlan"],
    ["post", paths.hostNetworkStagedPath("address"), "/api/host/network/staged/address"],
    [
      "post",
      paths.hostNetworkStagedPath("bridge-ports"),
      "/api/host/network/staged/bridge-ports",
    ],
    ["post", paths.hostNetworkStagedPath("bond-change"), "/api/host/network/staged/bond-change"],
    ["post", paths.hostNetworkStagedPath("delete"), "/api/host/network/staged/delete"],
  ],
  hostNetworkActionPath: [
    ["post", paths.hostNetworkActionPath("apply"), "/api/host/network/apply"],
    ["post", paths.hostNetworkActionPath("confirm"), "/api/host/network/confirm"],
    ["post", paths.hostNetworkActionPath("rollback"), "/api/host/network/rollback"],
  ],
  vmFirewallPath: [
    ["get", paths.vmFirewallPath(VM), "/api/vms/:id/firewall"],
    ["put", paths.vmFirewallPath(VM), "/api/vms/:id/firewall"],
  ],
  vmHostDevicesPath: [
    ["get", paths.vmHostDevicesPath(VM), "/api/vms/:id/hostdevs"],
    ["post", paths.vmHostDevicesPath(VM), "/api/vms/:id/hostdevs"],
  ],
  vmHostDevicePath: [
    ["delete", paths.vmHostDevicePath(VM, "pci_0/x"), "/api/vms/:id/hostdevs/:device"],
  ],
  vmFilesystemsPath: [
    ["get", paths.vmFilesystemsPath(VM), "/api/vms/:id/filesystems"],
    ["post", paths.vmFilesystemsPath(VM), "/api/vms/:id/filesystems"],
  ],
  vmFilesystemPath: [
    ["delete", paths.vmFilesystemPath(VM, "data"), "/api/vms/:id/filesystems/:tag"],
  ],
  connectionPath: [["get", paths.connectionPath(), "/api/connection"]],

  eventsPath: [["get", paths.eventsPath(), "/api/events"]],
  openApiDocumentPath: [["get", paths.openApiDocumentPath(), "/api/openapi.json"]],

  vmsPath: [["get", paths.vmsPath(), "/api/vms"], ["post", paths.vmsPath(), "/api/vms"]],
  vmsValidatePath: [["post", paths.vmsValidatePath(), "/api/vms/validate"]],
  vmsBatchPath: [["post", paths.vmsBatchPath(), "/api/vms/batch"]],
  vmsImportPath: [["post", paths.vmsImportPath(), "/api/vms/import"]],
  vmsCreateOptionsPath: [["get", paths.vmsCreateOptionsPath(), "/api/vms/create-options"]],
  vmPath: [
    ["get", paths.vmPath(VM), "/api/vms/:id"],
    ["patch", paths.vmPath(VM), "/api/vms/:id"],
    ["delete", paths.vmPath(VM), "/api/vms/:id"],
  ],
  vmActionPath: [["post", paths.vmActionPath(VM, "force-stop"), "/api/vms/:id/:action"]],
  vmClonePath: [["post", paths.vmClonePath(VM), "/api/vms/:id/clone"]],
  vmDeletePlanPath: [["get", paths.vmDeletePlanPath(VM), "/api/vms/:id/delete-plan"]],
  vmXmlPath: [
    ["get", paths.vmXmlPath(VM), "/api/vms/:id/xml"],
    ["put", paths.vmXmlPath(VM), "/api/vms/:id/xml"],
  ],
  vmQemuLogPath: [["get", paths.vmQemuLogPath(VM), "/api/vms/:id/qemu-log"]],

  vmDisksPath: [["post", paths.vmDisksPath(VM), "/api/vms/:id/disks"]],
  vmDiskPath: [["delete", paths.vmDiskPath(VM, "vd a"), "/api/vms/:id/disks/:target"]],
  vmDiskResizePath: [
    ["post", paths.vmDiskResizePath(VM, "vd a"), "/api/vms/:id/disks/:target/resize"],
  ],
  vmDiskMovePath: [
    ["post", paths.vmDiskMovePath(VM, "vd a"), "/api/vms/:id/disks/:target/move"],
  ],
  vmCdromPath: [["put", paths.vmCdromPath(VM, "sd a"), "/api/vms/:id/cdroms/:target"]],
  vmInterfacesPath: [["post", paths.vmInterfacesPath(VM), "/api/vms/:id/interfaces"]],
  vmInterfacePath: [
    ["delete", paths.vmInterfacePath(VM, "52:54:00:aa:bb:cc"), "/api/vms/:id/interfaces/:mac"],
  ],

  vmConsoleTicketPath: [["post", paths.vmConsoleTicketPath(VM), "/api/vms/:id/console-ticket"]],
  vmVncPath: [["get", paths.vmVncPath(VM), "/api/vms/:id/vnc"]],
  vmVncStatusPath: [["get", paths.vmVncStatusPath(VM), "/api/vms/:id/vnc/status"]],
  vmSpicePath: [["get", paths.vmSpicePath(VM), "/api/vms/:id/spice"]],
  vmSpiceStatusPath: [["get", paths.vmSpiceStatusPath(VM), "/api/vms/:id/spice/status"]],
  vmSendKeyPath: [["post", paths.vmSendKeyPath(VM), "/api/vms/:id/send-key"]],
  vmScreenshotPath: [["get", paths.vmScreenshotPath(VM), "/api/vms/:id/screenshot"]],
  vmSerialPath: [["get", paths.vmSerialPath(VM), "/api/vms/:id/serial"]],

  vmSnapshotsPath: [
    ["get", paths.vmSnapshotsPath(VM), "/api/vms/:id/snapshots"],
    ["post", paths.vmSnapshotsPath(VM), "/api/vms/:id/snapshots"],
  ],
  vmSnapshotPath: [["delete", paths.vmSnapshotPath(VM, "s/1"), "/api/vms/:id/snapshots/:name"]],
  vmSnapshotRevertPath: [
    ["post", paths.vmSnapshotRevertPath(VM, "s/1"), "/api/vms/:id/snapshots/:name/revert"],
  ],

  vmGuestPath: [["get", paths.vmGuestPath(VM), "/api/vms/:id/guest"]],
  vmGuestExecPath: [["post", paths.vmGuestExecPath(VM), "/api/vms/:id/guest/exec"]],
  vmGuestFilePath: [
    ["get", paths.vmGuestFilePath(VM), "/api/vms/:id/guest/file"],
    ["put", paths.vmGuestFilePath(VM), "/api/vms/:id/guest/file"],
  ],
  vmGuestActivityPath: [["get", paths.vmGuestActivityPath(VM), "/api/vms/:id/guest/activity"]],
  vmGuestServicesPath: [["get", paths.vmGuestServicesPath(VM), "/api/vms/:id/guest/services"]],
  vmGuestAgentUpdatePath: [[
    "post",
    paths.vmGuestAgentUpdatePath(VM),
    "/api/vms/:id/guest/agent/update",
  ]],
  vmGuestServiceActionPath: ["start", "stop", "restart"].map((a) => [
    "post",
    paths.vmGuestServiceActionPath(VM, "app/x.service", a),
    `/api/vms/:id/guest/services/:name/${a}`,
  ]),
  vmGuestUpdatesPath: [["get", paths.vmGuestUpdatesPath(VM), "/api/vms/:id/guest/updates"]],
  vmGuestDirectoriesPath: [
    ["post", paths.vmGuestDirectoriesPath(VM), "/api/vms/:id/guest/directories"],
    ["delete", paths.vmGuestDirectoriesPath(VM), "/api/vms/:id/guest/directories"],
  ],
  vmGuestTimePath: [
    ["get", paths.vmGuestTimePath(VM), "/api/vms/:id/guest/time"],
    ["post", paths.vmGuestTimePath(VM), "/api/vms/:id/guest/time"],
  ],
  vmGuestHeartbeatPath: [
    ["get", paths.vmGuestHeartbeatPath(VM), "/api/vms/:id/guest/heartbeat"],
  ],
  vmGuestFreezePath: [["post", paths.vmGuestFreezePath(VM), "/api/vms/:id/guest/fsfreeze"]],
  vmGuestThawPath: [["post", paths.vmGuestThawPath(VM), "/api/vms/:id/guest/fsthaw"]],

  vmMigratePath: [["post", paths.vmMigratePath(VM), "/api/vms/:id/migrate"]],
  vmMigrationPath: [
    ["get", paths.vmMigrationPath(VM), "/api/vms/:id/migration"],
    ["delete", paths.vmMigrationPath(VM), "/api/vms/:id/migration"],
  ],

  vmMetricsPath: [["get", paths.vmMetricsPath(VM), "/api/vms/:id/metrics"]],
  vmGuestMetricsPath: [["get", paths.vmGuestMetricsPath(VM), "/api/vms/:id/metrics/guest"]],
  hostMetricsPath: [["get", paths.hostMetricsPath(), "/api/host/metrics"]],
  metricsSettingsPath: [["get", paths.metricsSettingsPath(), "/api/settings/metrics"]],
  metricsRetentionPath: [
    ["put", paths.metricsRetentionPath(), "/api/settings/metrics/retention"],
  ],
  metricsCleanupPath: [["post", paths.metricsCleanupPath(), "/api/settings/metrics/cleanup"]],
  alertsPath: [["get", paths.alertsPath(), "/api/alerts"]],
  alertRulesPath: [
    ["get", paths.alertRulesPath(), "/api/alerts/rules"],
    ["post", paths.alertRulesPath(), "/api/alerts/rules"],
  ],
  alertRulePath: [
    ["put", paths.alertRulePath("r/1"), "/api/alerts/rules/:id"],
    ["delete", paths.alertRulePath("r/1"), "/api/alerts/rules/:id"],
  ],
  insightsPath: [["get", paths.insightsPath(), "/api/insights"]],
  vmInsightsPath: [["get", paths.vmInsightsPath(VM), "/api/vms/:id/insights"]],

  backupsPath: [["get", paths.backupsPath(), "/api/backups"]],
  backupSettingsPath: [
    ["get", paths.backupSettingsPath(), "/api/backups/settings"],
    ["put", paths.backupSettingsPath(), "/api/backups/settings"],
  ],
  backupPath: [["delete", paths.backupPath("b/1"), "/api/backups/:id"]],
  backupCancelPath: [["post", paths.backupCancelPath("b/1"), "/api/backups/:id/cancel"]],
  backupRestorePath: [["post", paths.backupRestorePath("b/1"), "/api/backups/:id/restore"]],
  vmBackupsPath: [["post", paths.vmBackupsPath(VM), "/api/vms/:id/backups"]],
  repositoriesPath: [
    ["get", paths.repositoriesPath(), "/api/backup-repositories"],
    ["post", paths.repositoriesPath(), "/api/backup-repositories"],
  ],
  repositoryPath: [
    ["get", paths.repositoryPath("r/1"), "/api/backup-repositories/:id"],
    ["put", paths.repositoryPath("r/1"), "/api/backup-repositories/:id"],
    ["delete", paths.repositoryPath("r/1"), "/api/backup-repositories/:id"],
  ],
  repositoryActionPath: [
    ["post", paths.repositoryActionPath("r/1", "check"), "/api/backup-repositories/:id/check"],
    ["post", paths.repositoryActionPath("r/1", "prune"), "/api/backup-repositories/:id/prune"],
  ],
  repositoryBackupsPath: [
    ["get", paths.repositoryBackupsPath("r/1"), "/api/backup-repositories/:id/backups"],
  ],
  repositoryRestorePath: [
    [
      "post",
      paths.repositoryRestorePath("r/1", "b/1", "restore"),
      "/api/backup-repositories/:id/backups/:backup/restore",
    ],
    [
      "post",
      paths.repositoryRestorePath("r/1", "b/1", "restore-disk"),
      "/api/backup-repositories/:id/backups/:backup/restore-disk",
    ],
  ],
  repositoryJobPath: [
    ["get", paths.repositoryJobPath("j/1"), "/api/backup-repositories/jobs/:job"],
  ],
  repositoryJobCancelPath: [
    ["post", paths.repositoryJobCancelPath("j/1"), "/api/backup-repositories/jobs/:job/cancel"],
  ],
  vmResticBackupPath: [["post", paths.vmResticBackupPath(VM), "/api/vms/:id/backups/restic"]],

  profilesPath: [
    ["get", paths.profilesPath(), "/api/profiles"],
    ["post", paths.profilesPath(), "/api/profiles"],
  ],
  profilePath: [
    ["get", paths.profilePath("p/1"), "/api/profiles/:id"],
    ["patch", paths.profilePath("p/1"), "/api/profiles/:id"],
    ["delete", paths.profilePath("p/1"), "/api/profiles/:id"],
  ],
  profileExportPath: [["get", paths.profileExportPath("p/1"), "/api/profiles/:id/export"]],
  profilesImportPath: [["post", paths.profilesImportPath(), "/api/profiles/import"]],
  profilesImportPreviewPath: [
    ["post", paths.profilesImportPreviewPath(), "/api/profiles/import/preview"],
  ],
  vmProfilePath: [
    ["put", paths.vmProfilePath(VM), "/api/vms/:id/profile"],
    ["delete", paths.vmProfilePath(VM), "/api/vms/:id/profile"],
  ],
  vmPolicyPath: [["get", paths.vmPolicyPath(VM), "/api/vms/:id/policy"]],
  vmOverridesPath: [["post", paths.vmOverridesPath(VM), "/api/vms/:id/policy/overrides"]],
  vmOverridePath: [
    ["delete", paths.vmOverridePath(VM, "cpu/max"), "/api/vms/:id/policy/overrides/:key"],
  ],

  schedulesPath: [
    ["get", paths.schedulesPath(), "/api/schedules"],
    ["post", paths.schedulesPath(), "/api/schedules"],
  ],
  schedulesPreviewPath: [["post", paths.schedulesPreviewPath(), "/api/schedules/preview"]],
  schedulePath: [
    ["put", paths.schedulePath("s/1"), "/api/schedules/:id"],
    ["delete", paths.schedulePath("s/1"), "/api/schedules/:id"],
  ],
  scheduleRunPath: [["post", paths.scheduleRunPath("s/1"), "/api/schedules/:id/run"]],
  scheduleRunsPath: [["get", paths.scheduleRunsPath("s/1"), "/api/schedules/:id/runs"]],

  templatesPath: [
    ["get", paths.templatesPath(), "/api/templates"],
    ["post", paths.templatesPath(), "/api/templates"],
  ],
  templateLinkedPath: [["get", paths.templateLinkedPath("t/1"), "/api/templates/:id/linked"]],
  templatePath: [
    ["put", paths.templatePath("t/1"), "/api/templates/:id"],
    ["delete", paths.templatePath("t/1"), "/api/templates/:id"],
  ],

  poolsPath: [["get", paths.poolsPath(), "/api/pools"], ["post", paths.poolsPath(), "/api/pools"]],
  poolPath: [
    ["get", paths.poolPath("p/1"), "/api/pools/:pool"],
    ["patch", paths.poolPath("p/1"), "/api/pools/:pool"],
    ["delete", paths.poolPath("p/1"), "/api/pools/:pool"],
  ],
  poolActionPath: [["post", paths.poolActionPath("p/1", "refresh"), "/api/pools/:pool/:action"]],
  poolVolumesPath: [
    ["get", paths.poolVolumesPath("p/1"), "/api/pools/:pool/volumes"],
    ["post", paths.poolVolumesPath("p/1"), "/api/pools/:pool/volumes"],
  ],
  volumePath: [["delete", paths.volumePath("p/1", "a/b.qcow2"), "/api/pools/:pool/volumes/:vol"]],
  volumeResizePath: [
    ["post", paths.volumeResizePath("p/1", "a/b"), "/api/pools/:pool/volumes/:vol/resize"],
  ],
  volumeClonePath: [
    ["post", paths.volumeClonePath("p/1", "a/b"), "/api/pools/:pool/volumes/:vol/clone"],
  ],
  imagesPath: [["get", paths.imagesPath(), "/api/images"]],
  imageCatalogPath: [["post", paths.imageCatalogPath(), "/api/images/catalog"]],
  imageCatalogEntryPath: [
    ["delete", paths.imageCatalogEntryPath("a/b"), "/api/images/catalog/:id"],
  ],
  imageDownloadsPath: [["post", paths.imageDownloadsPath(), "/api/images/downloads"]],
  imageSettingsPath: [
    ["get", paths.imageSettingsPath(), "/api/images/settings"],
    ["put", paths.imageSettingsPath(), "/api/images/settings"],
  ],
  volumeConvertPath: [
    ["post", paths.volumeConvertPath("p/1", "a/b"), "/api/pools/:pool/volumes/:vol/convert"],
  ],
  volumeFlattenPath: [
    ["post", paths.volumeFlattenPath("p/1", "a/b"), "/api/pools/:pool/volumes/:vol/flatten"],
  ],
  volumeImportOvaPath: [
    ["post", paths.volumeImportOvaPath("p/1", "a/b"), "/api/pools/:pool/volumes/:vol/import-ova"],
  ],
  ovaImportPath: [["get", paths.ovaImportPath("a/b"), "/api/images/ova-imports/:id"]],
  vmExportPath: [["post", paths.vmExportPath("a/b"), "/api/vms/:id/export"]],
  volumeClonesPath: [
    ["get", paths.volumeClonesPath("p/1", "a/b"), "/api/pools/:pool/volumes/:vol/clones"],
  ],
  volumeContentPath: [
    ["get", paths.volumeContentPath("p/1", "a/b"), "/api/pools/:pool/volumes/:vol/content"],
    ["put", paths.volumeContentPath("p/1", "a/b"), "/api/pools/:pool/volumes/:vol/content"],
  ],

  networksPath: [
    ["get", paths.networksPath(), "/api/networks"],
    ["post", paths.networksPath(), "/api/networks"],
  ],
  networkPath: [
    ["get", paths.networkPath("n/1"), "/api/networks/:net"],
    ["patch", paths.networkPath("n/1"), "/api/networks/:net"],
    ["delete", paths.networkPath("n/1"), "/api/networks/:net"],
  ],
  networkActionPath: [[
    "post",
    paths.networkActionPath("n/1", "stop"),
    "/api/networks/:net/:action",
  ]],
  networkDhcpPath: [["put", paths.networkDhcpPath("n/1"), "/api/networks/:net/dhcp"]],
  networkHostsPath: [["post", paths.networkHostsPath("n/1"), "/api/networks/:net/hosts"]],
  networkHostPath: [
    ["delete", paths.networkHostPath("n/1", "52:54:00:aa:bb:cc"), "/api/networks/:net/hosts/:mac"],
  ],
  networkLeasesPath: [["get", paths.networkLeasesPath("n/1"), "/api/networks/:net/leases"]],
  networkForwardsPath: [
    ["get", paths.networkForwardsPath("n/1"), "/api/networks/:net/forwards"],
    ["post", paths.networkForwardsPath("n/1"), "/api/networks/:net/forwards"],
  ],
  networkForwardPath: [
    ["delete", paths.networkForwardPath("n/1", 7), "/api/networks/:net/forwards/:id"],
  ],

  tasksPath: [["get", paths.tasksPath(), "/api/tasks"]],
  taskPath: [["get", paths.taskPath(7), "/api/tasks/:id"]],
  taskCancelPath: [["post", paths.taskCancelPath(7), "/api/tasks/:id/cancel"]],
  taskQemuLogPath: [["get", paths.taskQemuLogPath(7), "/api/tasks/:id/qemu-log"]],
};

Deno.test("api_paths - every export has its cases", async () => {
  const exported = Object.keys(await import("./api_paths.ts")).sort();
  assertEquals(Object.keys(CASES).sort(), exported);
  for (const [name, cases] of Object.entries(CASES)) assert(cases.length > 0, `${name}: no case`);
});

Deno.test("api_paths - every path reaches the declared API route, by its method", async () => {
  await withTestApp(({ ctx }) => {
    const table = new RouteTable(createApp(ctx).declared);
    const wrong: string[] = [];
    for (const [name, cases] of Object.entries(CASES)) {
      for (const [method, path, route] of cases) {
        const found = table.match(method, path)?.route;
        const ok = found?.api && found.method === method && found.path === route &&
          !/[*]|\{\.[+*]\}/.test(found.path);
        if (!ok) {
          wrong.push(
            `${name}: ${method.toUpperCase()} ${path} reaches ${
              found ? `${found.method.toUpperCase()} ${found.path}` : "nothing"
            }, not ${route}`,
          );
        }
      }
    }
    assertEquals(wrong, []);
    return Promise.resolve();
  });
});

Deno.test("api_paths - names and ids are encoded as one path segment", () => {
  assertEquals(paths.vmPath("a b/c"), "/api/vms/a%20b%2Fc");
  assertEquals(
    paths.volumeContentPath("p 1", "x/y.iso"),
    "/api/pools/p%201/volumes/x%2Fy.iso/content",
  );
  assertEquals(paths.vmActionPath("web", "force-stop"), "/api/vms/web/force-stop");
  assertEquals(paths.networkForwardPath("default", 3), "/api/networks/default/forwards/3");
});
