// useAction and its note live in the kit (components/kit/use_action.tsx); this path keeps its imports.
export {
  type Action,
  Lines,
  type Outcome,
  OutcomeNote,
  useAction,
} from "../../components/kit/use_action.tsx";
