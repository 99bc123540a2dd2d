// The command-line client as the tests run it: a process of its own (its own HOME, environment,
// standard input and exit status) running cli/main.ts's clientMain, the code `kvm-manager vm …`
// runs, without loading the server as main.ts does (0.06 s to start instead of 0.8 s).
//   deno run -A tests/harness/client_entry.ts vm list --url … --token …

import { clientMain } from "../../cli/main.ts";

Deno.exit(await clientMain(Deno.args));
