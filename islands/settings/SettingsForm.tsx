// A form on the VM's settings page (resources, boot, console): named by its own heading.

import type { ComponentChildren } from "preact";

interface Props {
  /** Names the heading `${id}-title`, which labels the form. */
  id: string;
  title: string;
  onSubmit: (e: Event) => void;
  children: ComponentChildren;
}

export function SettingsForm({ id, title, onSubmit, children }: Props) {
  return (
    <form class="settings-form" onSubmit={onSubmit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {children}
    </form>
  );
}
