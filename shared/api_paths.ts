// The JSON API's paths as the islands and the CLI call them (issue 22): one function per path,
// so a route that moves is changed here and checked against the app's declared routes
// (api_paths_test.ts). Names and ids are encoded with encodeURIComponent, as the router decodes
// them; actions are fixed words and go as they are. Query strings stay with the callers.

const part = encodeURIComponent;

// Sign-in (a session cookie for the browser).
export const loginPath = () => "/api/auth/login";
export const logoutPath = () => "/api/auth/logout";
/** Where the browser begins a sign-in at an OpenID Connect realm's provider (GET, a redirect). */
export const oidcStartPath = (realm: string) => `/api/auth/oidc/${part(realm)}/start`;
/** Where the provider sends the browser back: the redirect URI to register there. */
export const oidcCallbackPath = () => "/api/auth/oidc/callback";
/** Who is signed in: user, role, how (routes/api/auth.ts). */
export const whoAmIPath = () => "/api/auth/me";

// The audit trail.
export const auditPath = () => "/api/audit";
export const auditActionsPath = () => "/api/audit/actions";

// API tokens and the roles of host accounts.
export const tokensPath = () => "/api/tokens";
export const tokenPath = (id: string) => `/api/tokens/${part(id)}`;
/** A new secret for the token, the old one kept for a grace period (POST). */
export const tokenRotatePath = (id: string) => `${tokenPath(id)}/rotate`;
export const usersPath = () => "/api/users";
/** The signed-in account's own settings (routes/api/me.ts). */
export const mySettingsPath = () => "/api/me/settings";
export const userPath = (user: string) => `/api/users/${part(user)}`;
// Sign-in realms (LDAP directories beside the host's accounts), admins only.
export const realmsPath = () => "/api/realms";
export const realmPath = (name: string) => `/api/realms/${part(name)}`;
/** Who a realm's role map lets in, read from its directory now (POST). */
export const realmPreviewPath = (name: string) => `${realmPath(name)}/preview`;

// The server's HTTPS certificate from an ACME CA, admins only.
export const acmePath = () => "/api/acme";
export const acmeOrderPath = () => "/api/acme/order";

// Two-factor sign-in: the account's own factors, the sign-in's second step, the admins' policy.
export const myTwoFactorPath = (action?: string) =>
  action ? `/api/me/two-factor/${action}` : "/api/me/two-factor";
export const myTwoFactorKeyPath = (id: string) => `/api/me/two-factor/keys/${part(id)}`;
export const secondFactorPath = (step: string) => `/api/auth/second-factor/${step}`;
export const twoFactorPolicyPath = (action?: "roles") =>
  action ? `/api/two-factor-policy/${action}` : "/api/two-factor-policy";
export const twoFactorAccountPath = (user: string) =>
  `/api/two-factor-policy/accounts/${part(user)}`;
// Notifications: targets (with their Test) and rules; app-wide (lib/notify/).
export const notifyTargetsPath = () => "/api/notify/targets";
export const notifyTargetPath = (id: string) => `/api/notify/targets/${part(id)}`;
export const notifyTargetTestPath = (id: string) => `${notifyTargetPath(id)}/test`;
export const notifyRulesPath = () => "/api/notify/rules";
export const notifyRulePath = (id: string) => `/api/notify/rules/${part(id)}`;

// The libvirt hosts the server manages; the facts of the page's own host.
export const hostsPath = () => "/api/hosts";
export const managedHostPath = (id: string) => `/api/hosts/${part(id)}`;
export const hostPath = () => "/api/host";
export const hostDevicesPath = () => "/api/host/devices";
/** The Pacemaker cluster this host belongs to (app-wide). */
export const clusterPath = () => "/api/cluster";
/** The pools marked as shared by every node (GET, PUT). */
export const clusterSharedPoolsPath = () => "/api/cluster/shared-pools";
/** The HA VMs: POST makes one; a VM's resource; its start or stop. */
export const clusterVmsPath = () => "/api/cluster/vms";
export const clusterVmPath = (resource: string) => `/api/cluster/vms/${part(resource)}`;
export const clusterVmActionPath = (resource: string, action: "start" | "stop") =>
  `${clusterVmPath(resource)}/${action}`;
export const clusterNodeActionPath = (node: string, action: string) =>
  `/api/cluster/nodes/${part(node)}/${part(action)}`;
export const clusterOptionsPath = () => "/api/cluster/options";
export const clusterFenceAgentsPath = () => "/api/cluster/fence-agents";
export const clusterFenceAgentPath = (agent: string) => `/api/cluster/fence-agents/${part(agent)}`;
export const clusterFencingPath = () => "/api/cluster/fencing";
export const clusterFencingDevicePath = (device: string) => `/api/cluster/fencing/${part(device)}`;
export const clusterFencingTestPath = (device: string) =>
  `${clusterFencingDevicePath(device)}/test`;
export const hostTopologyPath = () => "/api/host/topology";
/** The boot-order sequence now: start in order, or stop in reverse order. */
export const hostStartupRunPath = (run: "start" | "stop") => `/api/host/startup/${run}`;
/** A device's mediated devices (POST makes one); one mediated device (DELETE removes it). */
export const hostMdevsPath = (device: string) => `${hostDevicesPath()}/${part(device)}/mdevs`;
export const hostMdevPath = (name: string) => `/api/host/mdevs/${part(name)}`;
/** This machine's interfaces, its staged network changes and a change waiting to be kept. */
export const hostNetworkPath = () => "/api/host/network";
/**
 * The staged changes (DELETE discards them); a change stages a bridge over a NIC, a bond, a VLAN,
 * an interface's addresses, a bridge's ports, a bond's members and mode, or a deletion (POST).
 */
export const hostNetworkStagedPath = (
  change?: "bridge" | "bond" | "vlan" | "address" | "bridge-ports" | "bond-change" | "delete",
) => change ? `${hostNetworkPath()}/staged/${change}` : `${hostNetworkPath()}/staged`;
/** Apply the staged changes, keep the applied one, or undo it now (POST). */
export const hostNetworkActionPath = (action: "apply" | "confirm" | "rollback") =>
  `${hostNetworkPath()}/${action}`;
export const connectionPath = () => "/api/connection";

// The server-sent event stream, and the OpenAPI document of every route.
export const eventsPath = () => "/api/events";
export const openApiDocumentPath = () => "/api/openapi.json";

// VMs: the list, creation, and one VM's definition and power actions.
export const vmsPath = () => "/api/vms";
export const vmsValidatePath = () => "/api/vms/validate";
export const vmsBatchPath = () => "/api/vms/batch";
export const vmsImportPath = () => "/api/vms/import";
export const vmsCreateOptionsPath = () => "/api/vms/create-options";
export const vmPath = (id: string) => `/api/vms/${part(id)}`;
/** `action`: a VmAction ("start", "force-stop" …). */
export const vmActionPath = (id: string, action: string) => `${vmPath(id)}/${action}`;
export const vmClonePath = (id: string) => `${vmPath(id)}/clone`;
export const vmDeletePlanPath = (id: string) => `${vmPath(id)}/delete-plan`;
export const vmExportPath = (id: string) => `${vmPath(id)}/export`;
export const vmXmlPath = (id: string) => `${vmPath(id)}/xml`;
/** The end of the VM's QEMU log (admins, local host). */
export const vmQemuLogPath = (id: string) => `${vmPath(id)}/qemu-log`;

// A VM's devices, by target ("vda") or MAC address.
export const vmDisksPath = (id: string) => `${vmPath(id)}/disks`;
export const vmDiskPath = (id: string, target: string) => `${vmDisksPath(id)}/${part(target)}`;
export const vmDiskResizePath = (id: string, target: string) => `${vmDiskPath(id, target)}/resize`;
export const vmDiskMovePath = (id: string, target: string) => `${vmDiskPath(id, target)}/move`;
export const vmCdromPath = (id: string, target: string) => `${vmPath(id)}/cdroms/${part(target)}`;
export const vmInterfacesPath = (id: string) => `${vmPath(id)}/interfaces`;
export const vmInterfacePath = (id: string, mac: string) => `${vmInterfacesPath(id)}/${part(mac)}`;
export const vmHostDevicesPath = (id: string) => `${vmPath(id)}/hostdevs`;
/** A VM's shared folders (virtiofs). */
export const vmFilesystemsPath = (id: string) => `${vmPath(id)}/filesystems`;
export const vmFilesystemPath = (id: string, tag: string) =>
  `${vmFilesystemsPath(id)}/${part(tag)}`;
export const vmFirewallPath = (id: string) => `${vmPath(id)}/firewall`;
export const vmHostDevicePath = (id: string, device: string) =>
  `${vmHostDevicesPath(id)}/${part(device)}`;

// A VM's consoles: a ticket, then the noVNC, SPICE or serial WebSocket; whether VNC or SPICE can
// be reached now, or why not (a WebSocket never sees a refused upgrade's answer).
export const vmConsoleTicketPath = (id: string) => `${vmPath(id)}/console-ticket`;
export const vmVncPath = (id: string) => `${vmPath(id)}/vnc`;
export const vmVncStatusPath = (id: string) => `${vmVncPath(id)}/status`;
export const vmSpicePath = (id: string) => `${vmPath(id)}/spice`;
export const vmSpiceStatusPath = (id: string) => `${vmSpicePath(id)}/status`;
export const vmSendKeyPath = (id: string) => `${vmPath(id)}/send-key`;
/** A running VM's screen as a PNG; takes `?width=` (its largest width) from the caller. */
export const vmScreenshotPath = (id: string) => `${vmPath(id)}/screenshot`;
export const vmSerialPath = (id: string) => `${vmPath(id)}/serial`;

// A VM's snapshots.
export const vmSnapshotsPath = (id: string) => `${vmPath(id)}/snapshots`;
export const vmSnapshotPath = (id: string, name: string) => `${vmSnapshotsPath(id)}/${part(name)}`;
export const vmSnapshotRevertPath = (id: string, name: string) =>
  `${vmSnapshotPath(id, name)}/revert`;

// A VM's guest agent.
export const vmGuestPath = (id: string) => `${vmPath(id)}/guest`;
export const vmGuestExecPath = (id: string) => `${vmGuestPath(id)}/exec`;
/** Takes `?path=` (the guest file) from the caller. */
export const vmGuestFilePath = (id: string) => `${vmGuestPath(id)}/file`;
/** Who is logged in and the busiest processes (`?sort=cpu|memory&limit=`). */
export const vmGuestActivityPath = (id: string) => `${vmGuestPath(id)}/activity`;
/** GET the guest's systemd services. */
export const vmGuestServicesPath = (id: string) => `${vmGuestPath(id)}/services`;
/** POST starts, stops or restarts one service. */
export const vmGuestServiceActionPath = (id: string, name: string, action: string) =>
  `${vmGuestServicesPath(id)}/${encodeURIComponent(name)}/${action}`;
/** GET the guest's pending package updates. */
export const vmGuestUpdatesPath = (id: string) => `${vmGuestPath(id)}/updates`;
/** POST makes a directory; DELETE `?path=` removes an empty one. */
export const vmGuestDirectoriesPath = (id: string) => `${vmGuestPath(id)}/directories`;
/** POST replaces the guest's agent with this server's newer bundle. */
export const vmGuestAgentUpdatePath = (id: string) => `${vmGuestPath(id)}/agent/update`;
/** GET the guest's clock beside the host's; POST sets it to the host's. */
export const vmGuestTimePath = (id: string) => `${vmGuestPath(id)}/time`;
export const vmGuestHeartbeatPath = (id: string) => `${vmGuestPath(id)}/heartbeat`;
export const vmGuestFreezePath = (id: string) => `${vmGuestPath(id)}/fsfreeze`;
export const vmGuestThawPath = (id: string) => `${vmGuestPath(id)}/fsthaw`;

// A VM's migration to another host.
export const vmMigratePath = (id: string) => `${vmPath(id)}/migrate`;
export const vmMigrationPath = (id: string) => `${vmPath(id)}/migration`;

// Metric history, retention, alerts and insights.
export const vmMetricsPath = (id: string) => `${vmPath(id)}/metrics`;
export const vmGuestMetricsPath = (id: string) => `${vmMetricsPath(id)}/guest`;
export const hostMetricsPath = () => "/api/host/metrics";
export const metricsSettingsPath = () => "/api/settings/metrics";
export const metricsRetentionPath = () => "/api/settings/metrics/retention";
export const metricsCleanupPath = () => "/api/settings/metrics/cleanup";
export const alertsPath = () => "/api/alerts";
export const alertRulesPath = () => "/api/alerts/rules";
export const alertRulePath = (id: string) => `${alertRulesPath()}/${part(id)}`;
export const insightsPath = () => "/api/insights";
export const vmInsightsPath = (id: string) => `${vmPath(id)}/insights`;

// Backups.
export const backupsPath = () => "/api/backups";
export const backupSettingsPath = () => "/api/backups/settings";
export const backupPath = (id: string) => `${backupsPath()}/${part(id)}`;
export const backupCancelPath = (id: string) => `${backupPath(id)}/cancel`;
export const backupRestorePath = (id: string) => `${backupPath(id)}/restore`;
export const vmBackupsPath = (id: string) => `${vmPath(id)}/backups`;

// Off-host backup repositories (restic).
export const repositoriesPath = () => "/api/backup-repositories";
export const repositoryPath = (id: string) => `${repositoriesPath()}/${part(id)}`;
/** `action`: check or prune. */
export const repositoryActionPath = (id: string, action: "check" | "prune") =>
  `${repositoryPath(id)}/${action}`;
export const repositoryBackupsPath = (id: string) => `${repositoryPath(id)}/backups`;
/**
 * `action`: restore (a new VM), restore-in-place (over the VM it was taken of) or restore-disk
 * (one disk into a new volume).
 */
export const repositoryRestorePath = (
  id: string,
  backup: string,
  action: "restore" | "restore-in-place" | "restore-disk",
) => `${repositoryBackupsPath(id)}/${part(backup)}/${action}`;
export const repositoryJobPath = (job: string) => `${repositoriesPath()}/jobs/${part(job)}`;
export const repositoryJobCancelPath = (job: string) => `${repositoryJobPath(job)}/cancel`;
export const vmResticBackupPath = (id: string) => `${vmBackupsPath(id)}/restic`;

// Profiles, and a VM's profile, effective policy and local overrides.
export const profilesPath = () => "/api/profiles";
export const profilePath = (id: string) => `${profilesPath()}/${part(id)}`;
export const profileExportPath = (id: string) => `${profilePath(id)}/export`;
export const profilesImportPath = () => "/api/profiles/import";
export const profilesImportPreviewPath = () => "/api/profiles/import/preview";
export const vmProfilePath = (id: string) => `${vmPath(id)}/profile`;
export const vmPolicyPath = (id: string) => `${vmPath(id)}/policy`;
export const vmOverridesPath = (id: string) => `${vmPolicyPath(id)}/overrides`;
export const vmOverridePath = (id: string, key: string) => `${vmOverridesPath(id)}/${part(key)}`;

// Schedules.
export const schedulesPath = () => "/api/schedules";
export const schedulesPreviewPath = () => "/api/schedules/preview";
export const schedulePath = (id: string) => `${schedulesPath()}/${part(id)}`;
export const scheduleRunPath = (id: string) => `${schedulePath(id)}/run`;
export const scheduleRunsPath = (id: string) => `${schedulePath(id)}/runs`;

// Templates.
export const templatesPath = () => "/api/templates";
export const templatePath = (id: string) => `${templatesPath()}/${part(id)}`;
export const templateLinkedPath = (id: string) => `${templatePath(id)}/linked`;

// Storage pools and their volumes.
export const poolsPath = () => "/api/pools";
export const poolPath = (pool: string) => `${poolsPath()}/${part(pool)}`;
/** `action`: "start", "stop", "build" or "refresh". */
export const poolActionPath = (pool: string, action: string) => `${poolPath(pool)}/${action}`;
export const poolVolumesPath = (pool: string) => `${poolPath(pool)}/volumes`;
export const volumePath = (pool: string, vol: string) => `${poolVolumesPath(pool)}/${part(vol)}`;
export const volumeResizePath = (pool: string, vol: string) => `${volumePath(pool, vol)}/resize`;
export const volumeClonePath = (pool: string, vol: string) => `${volumePath(pool, vol)}/clone`;
export const volumeContentPath = (pool: string, vol: string) => `${volumePath(pool, vol)}/content`;
export const volumeConvertPath = (pool: string, vol: string) => `${volumePath(pool, vol)}/convert`;
export const volumeFlattenPath = (pool: string, vol: string) => `${volumePath(pool, vol)}/flatten`;
export const volumeClonesPath = (pool: string, vol: string) => `${volumePath(pool, vol)}/clones`;
export const volumeImportOvaPath = (pool: string, vol: string) =>
  `${volumePath(pool, vol)}/import-ova`;

// Images: downloads from URLs into pools, and what they may reach.
export const imagesPath = () => "/api/images";
export const imageCatalogPath = () => `${imagesPath()}/catalog`;
export const imageCatalogEntryPath = (id: string) => `${imageCatalogPath()}/${part(id)}`;
export const imageDownloadsPath = () => "/api/images/downloads";
export const imageSettingsPath = () => "/api/images/settings";
export const ovaImportPath = (id: string) => `/api/images/ova-imports/${part(id)}`;

// Virtual networks, their DHCP and port forwards.
export const networksPath = () => "/api/networks";
export const networkPath = (net: string) => `${networksPath()}/${part(net)}`;
/** `action`: "start" or "stop". */
export const networkActionPath = (net: string, action: string) => `${networkPath(net)}/${action}`;
export const networkDhcpPath = (net: string) => `${networkPath(net)}/dhcp`;
export const networkHostsPath = (net: string) => `${networkPath(net)}/hosts`;
export const networkHostPath = (net: string, mac: string) =>
  `${networkHostsPath(net)}/${part(mac)}`;
export const networkLeasesPath = (net: string) => `${networkPath(net)}/leases`;
export const networkForwardsPath = (net: string) => `${networkPath(net)}/forwards`;
/** `id`: the forward's number, as the list gives it. */
export const networkForwardPath = (net: string, id: number) => `${networkForwardsPath(net)}/${id}`;

// The task log: operations running and recent, and stopping one.
export const tasksPath = () => "/api/tasks";
/** `id`: the task's number, as the list gives it. */
export const taskPath = (id: number) => `${tasksPath()}/${id}`;
export const taskCancelPath = (id: number) => `${taskPath(id)}/cancel`;
export const taskQemuLogPath = (id: number) => `${taskPath(id)}/qemu-log`;
