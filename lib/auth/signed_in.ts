// A sign-in that passed: what the session cookie and the page get. Apart from service.ts, so that
// the second step (second_factor.ts), which service.ts uses, can name it without importing
// service.ts back.

import type { Grant } from "./access.ts";
import type { Identity } from "../../shared/auth.ts";

export interface SignedIn {
  secret: string;
  csrf: string;
  identity: Identity;
  grant: Grant;
}
