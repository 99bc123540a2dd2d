// What every form under a table row (grow, clone, convert a volume; grow a disk, insert an ISO)
// does with its request: run it under the table's action, and once it worked close the row and
// read the list again before the note says what was done, so the note sits under fresh rows.

import type { ComponentChildren } from "preact";
import type { Action } from "../../components/kit/use_action.tsx";

/** The table's side of a row form: its action, the row's close, and the list's read. */
export interface RowHost {
  action: Action;
  close(): void;
  reload(): Promise<void>;
}

/** Runs `call` for the row; `said` words its answer as the table's note. */
export function rowRequest<R>(
  { action, close, reload }: RowHost,
  call: () => Promise<R>,
  said: (answer: R) => ComponentChildren,
): Promise<void> {
  return action.run(async () => {
    const answer = await call();
    close();
    await reload();
    return said(answer);
  });
}
