// The kit's Field (components/kit/Field.tsx), where the wizard's parts import it from.
export { type ControlProps, Field, type Issues } from "../../components/kit/Field.tsx";
