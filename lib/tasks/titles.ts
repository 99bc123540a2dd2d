// Each task's title in a user's words, from the action the audit trail names it by
// ("vm.start" → "Start", "vm.create" → "Create VM"); an action not in the table gets a readable
// title made from its parts ("disk.frobnicate" → "Frobnicate disk"). Titles are stored and sent
// in English; the UI shows them with `t(task.title)`, so the table's words are marked with tKey.

import { tKey } from "../../shared/i18n/t.ts";

const TITLES: Record<string, string> = {
  "vm.start": tKey("Start"),
  "vm.stop": tKey("Shut down"),
  "vm.force-stop": tKey("Force stop"),
  "vm.pause": tKey("Pause"),
  "vm.resume": tKey("Resume"),
  "vm.reboot": tKey("Reboot"),
  "vm.reset": tKey("Reset"),
  "vm.apply-pending": tKey("Apply pending changes"),
  "vm.create": tKey("Create VM"),
  "vm.delete": tKey("Delete VM"),
  "vm.clone": tKey("Clone VM"),
  "vm.import": tKey("Import VM"),
  "vm.export": tKey("Export VM as OVA"),
  "vm.update": tKey("Change VM settings"),
  "vm.xml-update": tKey("Edit VM XML"),
  "vm.protect": tKey("Change VM protection"),
  "vm.migrate": tKey("Migrate VM"),
  "vm.migration-cancel": tKey("Cancel migration"),
  "vm.batch": tKey("Action on several VMs"),
  "vm.startup-set": tKey("Set boot order"),
  "vm.startup-clear": tKey("Remove boot order"),
  "host.start-in-order": tKey("Start VMs in boot order"),
  "host.stop-in-order": tKey("Shut down VMs in boot order"),
  "host.maintenance-enter": tKey("Enter maintenance"),
  "host.maintenance-leave": tKey("Leave maintenance"),
  "host.maintenance-cancel": tKey("Cancel maintenance moves"),
  "cluster.ha-add": tKey("Make VM highly available"),
  "cluster.ha-action": tKey("Start or stop HA VM"),
  "cluster.ha-remove": tKey("Hand back HA VM"),
  "cluster.shared-pools": tKey("Mark shared pools"),
  "cluster.node": tKey("Change cluster node"),
  "cluster.options": tKey("Change cluster options"),
  "cluster.fencing-add": tKey("Add fencing device"),
  "cluster.fencing-test": tKey("Test fencing device"),
  "cluster.fencing-remove": tKey("Remove fencing device"),
  "cluster.vm-moved": tKey("Pacemaker moved VM"),
  "cluster.vm-failover": tKey("Pacemaker failed VM over"),
  "cluster.vm-restarted": tKey("Pacemaker restarted VM"),
  "cluster.node-fenced": tKey("Pacemaker fenced node"),
  "disk.attach": tKey("Add disk"),
  "disk.detach": tKey("Remove disk"),
  "disk.resize": tKey("Grow disk"),
  "disk.move": tKey("Move disk"),
  "cdrom.change": tKey("Change CD"),
  "interface.attach": tKey("Add network interface"),
  "interface.detach": tKey("Remove network interface"),
  "hostdev.attach": tKey("Pass through host device"),
  "firewall.set": tKey("Set VM firewall"),
  "hostdev.detach": tKey("Take back host device"),
  "filesystem.add": tKey("Share folder"),
  "filesystem.remove": tKey("Stop sharing folder"),
  "snapshot.create": tKey("Take snapshot"),
  "snapshot.revert": tKey("Revert to snapshot"),
  "snapshot.delete": tKey("Delete snapshot"),
  "backup.create": tKey("Back up"),
  "backup.delete": tKey("Delete backup"),
  "backup.restore": tKey("Restore backup"),
  "backup.cancel": tKey("Cancel backup"),
  "backup.settings-update": tKey("Change backup settings"),
  "guest.exec": tKey("Run a command in the guest"),
  "guest.file-write": tKey("Copy a file into the guest"),
  "guest.directory-make": tKey("Make a directory in the guest"),
  "guest.directory-remove": tKey("Remove a directory in the guest"),
  "guest.time-set": tKey("Set the guest's clock"),
  "guest.service-start": tKey("Start a service in the guest"),
  "guest.service-stop": tKey("Stop a service in the guest"),
  "guest.service-restart": tKey("Restart a service in the guest"),
  "guest.agent-update": tKey("Update the guest's agent"),
  "guest.download": tKey("Copy a file from the guest"),
  "guest.fsfreeze": tKey("Freeze guest filesystems"),
  "guest.fsthaw": tKey("Thaw guest filesystems"),
  "schedule.create": tKey("Create schedule"),
  "schedule.update": tKey("Change schedule"),
  "schedule.delete": tKey("Delete schedule"),
  "schedule.run": tKey("Run schedule now"),
  "template.create": tKey("Create template"),
  "template.update": tKey("Change template"),
  "template.delete": tKey("Delete template"),
  "profile.create": tKey("Create profile"),
  "profile.import": tKey("Import profile"),
  "profile.update": tKey("Change profile"),
  "profile.delete": tKey("Delete profile"),
  "profile.assign": tKey("Assign profile"),
  "profile.unassign": tKey("Remove profile"),
  "policy.override-add": tKey("Override policy setting"),
  "policy.override-remove": tKey("Remove policy override"),
  "pool.create": tKey("Create storage pool"),
  "pool.delete": tKey("Delete storage pool"),
  "pool.autostart": tKey("Change pool autostart"),
  "pool.start": tKey("Start storage pool"),
  "pool.stop": tKey("Stop storage pool"),
  "pool.build": tKey("Build storage pool"),
  "pool.refresh": tKey("Refresh storage pool"),
  "volume.create": tKey("Create volume"),
  "volume.delete": tKey("Delete volume"),
  "volume.resize": tKey("Grow volume"),
  "volume.clone": tKey("Clone volume"),
  "volume.upload": tKey("Upload volume"),
  "volume.flatten": tKey("Make volume independent"),
  "volume.convert": tKey("Convert volume"),
  "volume.import-ova": tKey("Import OVA"),
  "volume.download": tKey("Download volume"),
  "image.download": tKey("Download image"),
  "image.settings-update": tKey("Change image download settings"),
  "image.catalog-add": tKey("Add image to library"),
  "image.catalog-remove": tKey("Remove image from library"),
  "network.create": tKey("Create network"),
  "network.delete": tKey("Delete network"),
  "network.autostart": tKey("Change network autostart"),
  "network.start": tKey("Start network"),
  "network.stop": tKey("Stop network"),
  "network.dhcp-update": tKey("Change DHCP range"),
  "dhcp-host.create": tKey("Add DHCP reservation"),
  "dhcp-host.delete": tKey("Remove DHCP reservation"),
  "port-forward.create": tKey("Add port forward"),
  "port-forward.delete": tKey("Remove port forward"),
  "host.add": tKey("Add host"),
  "host.remove": tKey("Remove host"),
  "metrics.retention-update": tKey("Change metrics retention"),
  "metrics.cleanup": tKey("Clean up metrics"),
  "alert-rule.create": tKey("Create alert rule"),
  "alert-rule.update": tKey("Change alert rule"),
  "alert-rule.delete": tKey("Delete alert rule"),
  "notify-target.create": tKey("Create notification target"),
  "notify-target.update": tKey("Change notification target"),
  "notify-target.delete": tKey("Delete notification target"),
  "notify-target.test": tKey("Test notification target"),
  "notify-rule.create": tKey("Create notification rule"),
  "notify-rule.update": tKey("Change notification rule"),
  "notify-rule.delete": tKey("Delete notification rule"),
};

/**
 * A plugged-in feature's titles (lib/feature.ts), added to the table when its host's features
 * are composed. A title already there for an action stays.
 */
export function addTaskTitles(titles: Record<string, string>): void {
  for (const [action, title] of Object.entries(titles)) TITLES[action] ??= title;
}

/** What a scheduled run of each operation is called (lib/scheduler). */
const SCHEDULED: Record<string, string> = {
  start: tKey("Scheduled start"),
  shutdown: tKey("Scheduled shutdown"),
  reboot: tKey("Scheduled reboot"),
  snapshot: tKey("Scheduled snapshot"),
  backup: tKey("Scheduled backup"),
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
