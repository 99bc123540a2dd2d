// Client half of the islands: hydrates every `[data-island]` div rendered by components/Island.tsx.

import { type ComponentType, h, hydrate } from "preact";

export function hydrateIslands(islands: Record<string, ComponentType<any>>): void {
  for (const el of document.querySelectorAll<HTMLElement>("[data-island]")) {
    const name = el.dataset.island!;
    const Component = islands[name];
    if (!Component) {
      console.warn(`No island named ${name} in this page's bundle`);
      continue;
    }
    hydrate(h(Component, JSON.parse(el.dataset.props ?? "{}")), el);
    // What tests/a11y_browser_test.ts looks for: every island of every page came alive.
    el.dataset.hydrated = "";
  }
}
