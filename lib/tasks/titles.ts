// Each task's title in a user's words, from the action the audit trail names it by
// ("vm.start" → "Start", "vm.create" → "Create VM"); an action not in the table gets a readable
// title made from its parts ("disk.frobnicate" → "Frobnicate disk").

const TITLES: Record<string, string> = {
  "vm.start": "Start",
  "vm.stop": "Shut down",
  "vm.force-stop": "Force stop",
  "vm.pause": "Pause",
  "vm.resume": "Resume",
  "vm.reboot": "Reboot",
  "vm.reset": "Reset",
  "vm.create": "Create VM",
  "vm.delete": "Delete VM",
  "vm.clone": "Clone VM",
  "vm.import": "Import VM",
  "vm.update": "Change VM settings",
  "vm.xml-update": "Edit VM XML",
  "vm.migrate": "Migrate VM",
  "vm.migration-cancel": "Cancel migration",
  "vm.batch": "Action on several VMs",
  "disk.attach": "Add disk",
  "disk.detach": "Remove disk",
  "disk.resize": "Grow disk",
  "cdrom.change": "Change CD",
  "interface.attach": "Add network interface",
  "interface.detach": "Remove network interface",
  "snapshot.create": "Take snapshot",
  "snapshot.revert": "Revert to snapshot",
  "snapshot.delete": "Delete snapshot",
  "backup.create": "Back up",
  "backup.delete": "Delete backup",
  "backup.restore": "Restore backup",
  "backup.cancel": "Cancel backup",
  "backup.settings-update": "Change backup settings",
  "guest.exec": "Run a command in the guest",
  "guest.file-write": "Copy a file into the guest",
  "guest.download": "Copy a file from the guest",
  "guest.fsfreeze": "Freeze guest filesystems",
  "guest.fsthaw": "Thaw guest filesystems",
  "schedule.create": "Create schedule",
  "schedule.update": "Change schedule",
  "schedule.delete": "Delete schedule",
  "schedule.run": "Run schedule now",
  "template.create": "Create template",
  "template.update": "Change template",
  "template.delete": "Delete template",
  "profile.create": "Create profile",
  "profile.import": "Import profile",
  "profile.update": "Change profile",
  "profile.delete": "Delete profile",
  "profile.assign": "Assign profile",
  "profile.unassign": "Remove profile",
  "policy.override-add": "Override policy setting",
  "policy.override-remove": "Remove policy override",
  "pool.create": "Create storage pool",
  "pool.delete": "Delete storage pool",
  "pool.autostart": "Change pool autostart",
  "pool.start": "Start storage pool",
  "pool.stop": "Stop storage pool",
  "pool.build": "Build storage pool",
  "pool.refresh": "Refresh storage pool",
  "volume.create": "Create volume",
  "volume.delete": "Delete volume",
  "volume.resize": "Grow volume",
  "volume.clone": "Clone volume",
  "volume.upload": "Upload volume",
  "volume.download": "Download volume",
  "network.create": "Create network",
  "network.delete": "Delete network",
  "network.autostart": "Change network autostart",
  "network.start": "Start network",
  "network.stop": "Stop network",
  "network.dhcp-update": "Change DHCP range",
  "dhcp-host.create": "Add DHCP reservation",
  "dhcp-host.delete": "Remove DHCP reservation",
  "port-forward.create": "Add port forward",
  "port-forward.delete": "Remove port forward",
  "host.add": "Add host",
  "host.remove": "Remove host",
  "metrics.retention-update": "Change metrics retention",
  "metrics.cleanup": "Clean up metrics",
  "alert-rule.create": "Create alert rule",
  "alert-rule.update": "Change alert rule",
  "alert-rule.delete": "Delete alert rule",
};

/** What a scheduled run of each operation is called (lib/scheduler). */
const SCHEDULED: Record<string, string> = {
  start: "Scheduled start",
  shutdown: "Scheduled shutdown",
  reboot: "Scheduled reboot",
  snapshot: "Scheduled snapshot",
  backup: "Scheduled backup",
};

const RESOURCE_WORDS: Record<string, string> = {
  vm: "VM",
  cdrom: "CD",
  "dhcp-host": "DHCP reservation",
  "port-forward": "port forward",
  "alert-rule": "alert rule",
};

const words = (s: string) => s.replace(/[-_]+/g, " ").trim();
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The title of a task doing `action`. */
export function taskTitle(action: string): string {
  const known = TITLES[action];
  if (known) return known;
  const match = /^([a-z][a-z-]*)\.([a-z][a-z-]*)$/.exec(action);
  if (!match) return action;
  const [, resource, verb] = match;
  return capital(`${words(verb)} ${RESOURCE_WORDS[resource] ?? words(resource)}`);
}

/** The title of a scheduled run of `operation` ("backup" → "Scheduled backup"). */
export function scheduledTitle(operation: string): string {
  return SCHEDULED[operation] ?? capital(`scheduled ${words(operation)}`);
}
