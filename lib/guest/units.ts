// systemd services and pending package updates of a guest, as our agent (1.3.0 and later)
// reports them, in the API's shapes; and the service name a request gives, checked strictly.

import type { GuestService, PendingUpdate, UpdatesResult } from "../../agent/protocol.ts";
import { serviceUnit } from "../../agent/service_names.ts";
import { badRequest } from "../errors.ts";
import type { GuestServiceRow, GuestUpdates, ServiceAction } from "../../shared/guest.ts";
import { t } from "../../shared/i18n/t.ts";

/** The agent version that brought list_services, service_action and list_updates. */
export const UNITS_SINCE = "1.3.0";
export const SERVICE_ACTIONS: readonly ServiceAction[] = ["start", "stop", "restart"];

/** A service name from the URL ("nginx" or "nginx.service") as its unit; 400 otherwise. */
export function checkServiceName(input: unknown): string {
  if (typeof input !== "string" || input === "") throw badRequest(t("service name is required"));
  const checked = serviceUnit(input);
  if ("problem" in checked) {
    throw badRequest(
      t(
        "{{name}} is not a service name: letters, digits and : _ . @ \\ - (starting with a letter or digit), ending .service or without a suffix, at most 255 characters",
        { name: JSON.stringify(input.slice(0, 80)) },
      ),
    );
  }
  return checked.unit;
}

export function serviceFromOurs(s: GuestService): GuestServiceRow {
  return {
    name: s.name,
    description: s.description,
    loadState: s.load_state,
    activeState: s.active_state,
    subState: s.sub_state,
    fileState: s.file_state,
    allowed: s.allowed,
  };
}

const updateFromOurs = (u: PendingUpdate) => ({
  name: u.name,
  currentVersion: u.current_version,
  newVersion: u.new_version,
});

export function updatesFromOurs(r: UpdatesResult): GuestUpdates {
  return { manager: r.manager, updates: r.updates.map(updateFromOurs), count: r.count };
}
