// What every repository dialog (check, edit, restore) is given by the list that opens it: the
// dialog element it shows in, the repository, and what to do once the dialog closed.

import type { RefObject } from "preact";
import type { Repository } from "../../shared/restic.ts";

export interface RepositoryDialogProps {
  dialogRef: RefObject<HTMLDialogElement | null>;
  repo: Repository;
  onClose: () => void;
}
