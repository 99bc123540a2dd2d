// What reaching one restic repository takes, apart from command.ts and reach.ts, which both
// need it and so would else import each other.

import type { RepositoryKind } from "../../shared/restic.ts";

/** What a repository needs to be opened. */
export interface RepoAccess {
  kind: RepositoryKind;
  location: string;
  password: string;
  keyFile: string | null;
  knownHostsFile: string | null;
  port: number | null;
  accessKeyId: string | null;
  secretKey: string | null;
}
