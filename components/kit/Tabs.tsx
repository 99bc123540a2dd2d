// The tab bar of an object's pages (a VM, a pool, a network): a <nav> of plain links, each tab a
// URL of its own, so it works without JavaScript and the browser's history is the tab history.

export interface Tab {
  href: string;
  label: string;
}

interface Props {
  /** Names the bar for screen readers, e.g. "web sections". */
  label: string;
  tabs: Tab[];
  /** The href of the tab this page is. */
  current: string;
  /** "sub": a smaller switch inside a tab (the console's graphical / serial). */
  variant?: "main" | "sub";
}

export function Tabs({ label, tabs, current, variant = "main" }: Props) {
  return (
    <nav class={variant === "sub" ? "tabs tabs-sub" : "tabs"} aria-label={label}>
      <ul class="tabs-list">
        {tabs.map((t) => (
          <li key={t.href}>
            <a class="tab" href={t.href} aria-current={t.href === current ? "page" : undefined}>
              {t.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
