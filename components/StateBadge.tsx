// The VM state badge lives in the kit (components/kit/Badge.tsx); this path keeps its imports.
export { STATE_LABELS, StateBadge } from "./kit/Badge.tsx";
