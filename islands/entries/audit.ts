// Browser entry of /audit (bundled to static/build/audit.js).

import { hydrateIslands } from "../client/hydrate.ts";
import AuditLog from "../AuditLog.tsx";

hydrateIslands({ AuditLog });
