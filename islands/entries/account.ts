// Browser entry of /account (bundled to static/build/account.js).

import { hydrateIslands } from "../client/hydrate.ts";
import AccountSecurity from "../AccountSecurity.tsx";

hydrateIslands({ AccountSecurity });
