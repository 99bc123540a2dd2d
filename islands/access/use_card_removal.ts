// The access cards' one destructive action (remove an assigned role, revoke a token): asked in a
// dialog first, then run with every row's buttons disabled, then the list read again; a failure
// shows as a toast in the API's words.

import { type Confirm, useConfirm } from "../../components/kit/use_confirm.ts";
import { usePending } from "../../components/kit/use_pending.ts";

export interface CardRemoval<T> {
  /** Opens the dialog about one item; its confirm button runs `remove`. */
  confirm: Confirm<T>;
  /** A removal runs: the rows' buttons wait. */
  busy: boolean;
  remove: (item: T) => Promise<void>;
}

export function useCardRemoval<T>(
  call: (item: T) => Promise<unknown>,
  reload: () => void,
): CardRemoval<T> {
  const confirm = useConfirm<T>();
  const pending = usePending<"remove">();
  return {
    confirm,
    busy: pending.has("card"),
    remove: (item) => pending.run("card", "remove", () => call(item), undefined, reload),
  };
}
