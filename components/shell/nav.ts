// The sections of the side navigation, in their groups; the resource tree sits between the
// first group and the rest (components/shell/Sidebar.tsx).

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
  | "tasks";

export interface NavLink {
  item: NavItem;
  href: string;
  label: string;
  /** Shown to admins only (the routes refuse everyone else anyway). */
  admin?: boolean;
}

export interface NavGroup {
  /** Shown above the links, and the key its collapsed state is remembered by. */
  label: string;
  links: NavLink[];
}

export const NAV_TOP: NavLink[] = [
  { item: "dashboard", href: "/", label: "Dashboard" },
  { item: "vms", href: "/vms", label: "Virtual machines" },
];

export const NAV_GROUPS: NavGroup[] = [
  {
    label: "Operations",
    links: [
      { item: "tasks", href: "/tasks", label: "Tasks" },
      { item: "templates", href: "/templates", label: "Templates" },
      { item: "profiles", href: "/profiles", label: "Profiles" },
      { item: "schedules", href: "/schedules", label: "Schedules" },
      { item: "backups", href: "/backups", label: "Backups" },
      { item: "alerts", href: "/alerts", label: "Alerts" },
      { item: "insights", href: "/insights", label: "Insights" },
    ],
  },
  {
    label: "Administration",
    links: [
      { item: "settings", href: "/settings", label: "Settings", admin: true },
      { item: "access", href: "/access", label: "Access", admin: true },
      { item: "audit", href: "/audit", label: "Audit", admin: true },
      // For everyone: viewers see the list; adding a host is refused them.
      { item: "hosts", href: "/hosts", label: "Hosts" },
    ],
  },
];
