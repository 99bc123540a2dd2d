// The usage meter lives in the kit (components/kit/Meter.tsx); this path keeps its imports.
export { PercentMeter } from "./kit/Meter.tsx";
