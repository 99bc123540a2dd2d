// Running one client command: parse its line, print its help, connect when it asks to, and turn
// every CliError into its message and exit status.

import { ApiClient } from "./api_client.ts";
import { type OptionSpec, parseCommandLine, type ParsedArgs, wantsJson } from "./args.ts";
import { loadSettings } from "./config.ts";
import { CliError, EXIT } from "./errors.ts";
import { out, reportError } from "./output.ts";

/** What a command body gets: its parsed line and a way to connect once its arguments are fine. */
export interface CommandContext extends ParsedArgs {
  json: boolean;
  /** Resolves the settings and opens the client (closed when the command ends). */
  connect(): Promise<ApiClient>;
}

/**
 * Runs `body` with `args` parsed against the global flags and `options`; `--help` prints
 * `usage`. Resolves to the exit status (errors.ts EXIT).
 */
export async function runCommand(
  args: string[],
  { options = {}, usage }: { options?: Record<string, OptionSpec>; usage: string },
  body: (ctx: CommandContext) => Promise<number>,
): Promise<number> {
  let json = wantsJson(args);
  let client: ApiClient | undefined;
  try {
    const parsed = parseCommandLine(args, options);
    json = parsed.global.json;
    if (parsed.global.help) {
      out(usage);
      return EXIT.OK;
    }
    const connect = async () => {
      client ??= await ApiClient.open(await loadSettings(parsed.global));
      return client;
    };
    return await body({ ...parsed, json, connect });
  } catch (err) {
    if (err instanceof CliError) {
      reportError(err, json);
      return err.exitCode;
    }
    throw err;
  } finally {
    client?.close();
  }
}

/** The global flags' lines for each command's help, and what the exit statuses mean. */
export const GLOBAL_HELP =
  `Connection (each: flag, else environment, else the config file, else the default):
  --url URL         the server (KVMM_URL; default https://127.0.0.1:8420)
  --token TOKEN     an API token kvmm_… from the Access page (KVMM_TOKEN)
  --config FILE     JSON {url, token, host, insecure, caCert} (KVMM_CLI_CONFIG; default
                    ~/.config/kvm-manager/cli.json); refused when it holds a token that other
                    users can read (chmod 600)
  --host ID         the libvirt host, as GET /api/hosts names it (KVMM_HOST; default the
                    server's own); "all" on vm list shows every host's VMs
  --ca-cert FILE    trust this PEM certificate, e.g. the server's self-signed
                    DATA-DIR/tls/cert.pem (KVMM_CA_CERT)
  --insecure        trust whatever certificate the server presents (no protection from a
                    machine in the middle; prefer --ca-cert)
  --json            print the API's JSON answer; errors as {"code","message"} JSON on stderr

Exit status: 0 ok; 1 the server refused or failed (or you answered no); 2 usage or config
error; 3 cannot reach the server (refused connection, TLS certificate); 4 no token, or the
token or its role was refused (401/403); 5 not found (404).
`;
