// The severity badge lives in the kit (components/kit/Badge.tsx); this path keeps its imports.
export { SeverityBadge } from "./kit/Badge.tsx";
