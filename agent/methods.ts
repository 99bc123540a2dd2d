// The method table: each protocol method's name bound to the code that answers it.

import type { AgentConfig } from "./config.ts";
import { diskUsage } from "./disk.ts";
import { getProcesses, getUsers } from "./activity.ts";
import { makeDirectory, removeDirectory } from "./dirs.ts";
import { execCommand } from "./exec.ts";
import { fileRead, fileWrite } from "./files.ts";
import { networkInfo } from "./network.ts";
import { onlyKeys, type Params } from "./params.ts";
import { powerAction } from "./power.ts";
import { type AgentInfo, type Method, METHODS, PROTOCOL_VERSION } from "./protocol.ts";
import { listServices, serviceAction } from "./services.ts";
import { systemInfo } from "./system.ts";
import { listUpdates } from "./updates.ts";
import { updateAgent } from "./self_update.ts";
import { usage } from "./usage.ts";
import { AGENT_VERSION } from "./version.ts";

export type Handler = (params: Params) => Promise<unknown>;

export function agentInfo(config: AgentConfig): AgentInfo {
  return {
    agent_version: AGENT_VERSION,
    protocol_version: PROTOCOL_VERSION,
    deno_version: Deno.version.deno,
    methods: [...METHODS],
    policy: {
      allowed_dirs: config.allowed_dirs,
      allowed_commands: config.allowed_commands,
      denied_commands: config.denied_commands,
      allowed_services: config.allowed_services,
      allow_self_update: config.allow_self_update,
      command_timeout_ms: config.command_timeout_ms,
      max_command_timeout_ms: config.max_command_timeout_ms,
      max_output_bytes: config.max_output_bytes,
      max_file_bytes: config.max_file_bytes,
    },
  };
}

/** A method that takes no parameters refuses any it is given. */
const noParams = <T>(fn: () => T | Promise<T>): Handler => async (params) => {
  onlyKeys(params, []);
  return await fn();
};

export function methodTable(config: AgentConfig): Map<string, Handler> {
  const table: Record<Method, Handler> = {
    ping: noParams(() => ({ pong: true })),
    get_agent_info: noParams(() => agentInfo(config)),
    get_system_info: noParams(systemInfo),
    get_network_info: noParams(() => networkInfo()),
    get_disk_usage: noParams(() => diskUsage(config)),
    exec_command: (params) => execCommand(params, config),
    file_read: (params) => fileRead(params, config),
    file_write: (params) => fileWrite(params, config),
    get_users: (params) => getUsers(params),
    get_processes: (params) => getProcesses(params),
    make_directory: (params) => makeDirectory(params, config),
    remove_directory: (params) => removeDirectory(params, config),
    list_services: (params) => listServices(params, config),
    service_action: (params) => serviceAction(params, config),
    list_updates: (params) => listUpdates(params, config),
    update_agent: (params) => updateAgent(params, config),
    shutdown: async (params) => await powerAction("shutdown", params, config),
    reboot: async (params) => await powerAction("reboot", params, config),
    get_usage: noParams(usage),
  };
  return new Map(Object.entries(table));
}
