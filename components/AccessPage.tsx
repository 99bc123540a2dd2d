// Body of /access (admins only): API tokens and the roles of host accounts.

import AccessSettings from "../islands/AccessSettings.tsx";
import { Island } from "./Island.tsx";

export function AccessPage() {
  return (
    <>
      <h1>Access</h1>
      <p class="lead">
        Who may do what: admins change everything, operators also power and open the VMs they are
        allowed, viewers only read.
      </p>
      <Island name="AccessSettings" component={AccessSettings} props={{}} />
    </>
  );
}
