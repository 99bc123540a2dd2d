// The agent's command line.

import { DEFAULT_CONFIG_PATH } from "./config.ts";
import { PORT_NAME } from "./protocol.ts";

export const USAGE = `usage: kvmm-agent [--config PATH] [--device PATH | --listen-unix PATH]

  --config PATH       policy file (default ${DEFAULT_CONFIG_PATH}; missing = built-in defaults)
  --device PATH       the virtio-serial port (default: found by its name, ${PORT_NAME})
  --listen-unix PATH  serve a unix socket instead (development and tests)
  --version           print the version and exit`;

export interface Flags {
  config: string;
  device?: string;
  listenUnix?: string;
}

/** The flags, or what is wrong with them. */
export function parseFlags(args: string[]): Flags | string {
  const flags: Flags = { config: DEFAULT_CONFIG_PATH };
  const names: Record<string, keyof Flags> = {
    "--config": "config",
    "--device": "device",
    "--listen-unix": "listenUnix",
  };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    const key = names[flag];
    if (!key) return `unknown argument "${args[i]}"`;
    const value = inline ?? args[++i];
    if (value === undefined || value === "") return `${flag} needs a value`;
    flags[key] = value;
  }
  if (flags.device && flags.listenUnix) return "--device and --listen-unix exclude each other";
  return flags;
}
