// One icon set, lucide: an icon is its node list (imported one by one from icons.ts, so a
// bundle carries only the icons it uses) drawn as inline SVG, the same on the server and in
// islands. Decorative unless given a label.

import type { IconNode } from "lucide";

const ATTRS = {
  xmlns: "http://www.w3.org/2000/svg",
  viewBox: "0 0 24 24",
  fill: "none",
  stroke: "currentColor",
  "stroke-width": 2,
  "stroke-linecap": "round",
  "stroke-linejoin": "round",
} as const;

export function Icon({ icon, label }: { icon: IconNode; label?: string }) {
  return (
    <svg
      {...ATTRS}
      class="icon"
      role={label ? "img" : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : "true"}
    >
      {icon.map(([tag, attrs], i) => {
        const Tag = tag as "path";
        return <Tag key={i} {...(attrs as Record<string, string>)} />;
      })}
    </svg>
  );
}
