// Who sees a VM's power buttons and Console link. The server renders islands without knowing
// the caller (islands/client/session.ts answers "admin" there), and hydration keeps the server's
// attributes, so the page first shows these controls to admins only (static/auth.css hides
// .needs-admin from the others) and, once hydrated, to operators allowed on the VM too.

import { mayPowerVm } from "../../components/client/session.ts";

/** The class a VM's power control carries: none when the caller may power it, else needs-admin. */
export function powerClass(hydrated: boolean, vmId: string): string {
  return hydrated && mayPowerVm(vmId) ? "" : "needs-admin";
}
