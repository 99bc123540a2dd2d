// The confirmation dialog lives in the kit (components/kit/Dialog.tsx); this path keeps its imports.
export { ConfirmDialog } from "./kit/Dialog.tsx";
