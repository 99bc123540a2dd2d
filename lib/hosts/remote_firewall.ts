// The firewall of a remote host's port forwards: there is none we may change. Forwards are
// rules in this server's own iptables, which only reach the local host's networks.

import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import type { Firewall, ForwardRule, NotApplied } from "../firewall/types.ts";

export class RemoteFirewall implements Firewall {
  apply(rules: ForwardRule[]): Promise<NotApplied> {
    if (rules.length === 0) return Promise.resolve(new Map());
    return Promise.reject(
      new AppError(
        "NOT_ON_REMOTE_HOST",
        t(
          "Port forwards are rules in this server's own firewall, so they work only for the local host's networks",
        ),
      ),
    );
  }

  list(): Promise<ForwardRule[]> {
    return Promise.resolve([]);
  }
}
