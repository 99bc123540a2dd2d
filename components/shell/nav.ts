// The sections of the side navigation, in their groups; the resource tree sits between the
// first group and the rest (routes/layout/Sidebar.tsx). Labels are keys (tKey), translated
// where they are drawn: `t(link.label)`.

import { tKey } from "../../shared/i18n/t.ts";

export type NavItem =
  | "dashboard"
  | "vms"
  | "templates"
  | "profiles"
  | "storage"
  | "networks"
  | "alerts"
  | "insights"
  | "settings"
  | "schedules"
  | "backups"
  | "audit"
  | "access"
  | "hosts"
  | "cluster"
  | "host_devices"
  | "host_network"
  | "topology"
  | "images"
  | "tasks";

export interface NavLink {
  item: NavItem;
  href: string;
  label: string;
  /** Shown to admins only (the routes refuse everyone else anyway). */
  admin?: boolean;
}

export interface NavGroup {
  /** Shown above the links (translated); its English is the key its folded state is kept by. */
  label: string;
  links: NavLink[];
}

export const NAV_TOP: NavLink[] = [
  { item: "dashboard", href: "/", label: tKey("Dashboard") },
  { item: "vms", href: "/vms", label: tKey("Virtual machines") },
];

export const NAV_GROUPS: NavGroup[] = [
  {
    label: tKey("Operations"),
    links: [
      { item: "tasks", href: "/tasks", label: tKey("Tasks") },
      { item: "templates", href: "/templates", label: tKey("Templates") },
      { item: "images", href: "/images", label: tKey("Images") },
      { item: "profiles", href: "/profiles", label: tKey("Profiles") },
      { item: "schedules", href: "/schedules", label: tKey("Schedules") },
      { item: "backups", href: "/backups", label: tKey("Backups") },
      { item: "alerts", href: "/alerts", label: tKey("Alerts") },
      { item: "insights", href: "/insights", label: tKey("Insights") },
    ],
  },
  {
    label: tKey("Administration"),
    links: [
      { item: "settings", href: "/settings", label: tKey("Settings"), admin: true },
      { item: "access", href: "/access", label: tKey("Access"), admin: true },
      { item: "audit", href: "/audit", label: tKey("Audit"), admin: true },
      // For everyone: viewers see the list; adding a host is refused them.
      { item: "hosts", href: "/hosts", label: tKey("Hosts") },
      { item: "cluster", href: "/cluster", label: tKey("Cluster") },
      { item: "host_devices", href: "/host/devices", label: tKey("Host devices") },
      { item: "host_network", href: "/host/network", label: tKey("Host network"), admin: true },
      { item: "topology", href: "/topology", label: tKey("Network topology") },
    ],
  },
];
