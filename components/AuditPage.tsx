// Body of /audit: every change made through KVM Manager, by whom and how it ended.

import AuditLog from "../islands/AuditLog.tsx";
import { Island } from "./Island.tsx";

export function AuditPage() {
  return (
    <>
      <h1>Audit log</h1>
      <p class="lead">
        Every change made through KVM Manager — by whom, signed in how, on what, and how it ended —
        including refused attempts, sign-ins and console opens. The newest 100,000 entries are kept.
      </p>
      <Island name="AuditLog" component={AuditLog} props={{}} />
    </>
  );
}
