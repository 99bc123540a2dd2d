// Server half of the islands: renders a component and marks it for the client runtime.

import type { ComponentType } from "preact";

/**
 * Renders `component` server-side inside `<div data-island=name data-props=json>`;
 * components/client/hydrate.ts finds the div and hydrates it with the same props.
 * `name` is the island's file name (islands/…/<name>.tsx): the build registers it in the bundle of
 * each page that renders it (scripts/page_manifest.ts), and refuses any other.
 */
export function Island<P extends Record<string, unknown>>(
  { name, component: Component, props }: {
    name: string;
    component: ComponentType<P>;
    props: P;
  },
) {
  return (
    <div class="island" data-island={name} data-props={JSON.stringify(props)}>
      <Component {...props} />
    </div>
  );
}
