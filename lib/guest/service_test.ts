// GuestService with a VM's policy: the real agent (agent/main.ts) behind a test-driver VM's
// channel socket applies the agent permissions the service sends, and an agent too old to apply
// them is refused, never asked again without them.

import { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { onlyKeys } from "../../agent/params.ts";
import { handleLine } from "../../agent/rpc.ts";
import { setLogging } from "../../agent/log.ts";
import { AppError } from "../errors.ts";
import type { AgentPermissions } from "../../shared/profiles.ts";
import { startAgentProcess } from "../../tests/support/agent_process.ts";
import { assert, assertEquals, assertMatch, assertRejects } from "../../tests/support/assert.ts";
import { writeTestNode } from "../../tests/support/test_node.ts";
import { GuestService } from "./service.ts";

setLogging(false);

const GUEST = "6b5a6f1e-0000-4000-8000-000000000001";
const OLD = "6b5a6f1e-0000-4000-8000-000000000002";

/**
 * A stand-in for agent 1.0.0 on a unix socket: the real dispatcher and parameter check with
 * 1.0.0's parameter list for exec_command, so it refuses `policy` in that agent's words.
 */
function oldAgent(socket: string) {
  const requests: Record<string, unknown>[] = [];
  const methods = new Map([[
    "exec_command",
    (params: Record<string, unknown>) => {
      requests.push(params);
      onlyKeys(params, ["command", "args", "timeout_ms"]);
      return Promise.resolve({
        exit_code: 0,
        signal: null,
        stdout: "old\n",
        stderr: "",
        duration_ms: 1,
      });
    },
  ]]);
  const listener = Deno.listen({ transport: "unix", path: socket });
  const serve = async () => {
    for await (const conn of listener) {
      (async () => {
        const dec = new TextDecoder();
        let buf = "";
        for await (const chunk of conn.readable) {
          buf += dec.decode(chunk, { stream: true });
          for (let nl = buf.indexOf("\n"); nl >= 0; nl = buf.indexOf("\n")) {
            const answer = await handleLine(buf.slice(0, nl), methods);
            buf = buf.slice(nl + 1);
            await conn.write(new TextEncoder().encode(JSON.stringify(answer) + "\n"));
          }
        }
      })().catch(() => {});
    }
  };
  const served = serve().catch(() => {});
  return { requests, close: async () => (listener.close(), await served) };
}

async function withGuests(
  fn: (t: {
    guest: GuestService;
    allowed: string;
    setPolicy(p: AgentPermissions | null): void;
    asked: string[];
    old: ReturnType<typeof oldAgent>;
  }) => Promise<void>,
) {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-guest-policy-" });
  const allowed = `${dir}/allowed`;
  await Deno.mkdir(`${allowed}/shared`, { recursive: true });
  await Deno.writeTextFile(`${allowed}/shared/a.txt`, "shared\n");
  await Deno.writeTextFile(`${allowed}/private.txt`, "private\n");
  const agent = await startAgentProcess(dir, {
    allowed_dirs: [allowed],
    allowed_commands: ["echo", "uname", "id"],
  });
  const old = oldAgent(`${dir}/old.sock`);
  const node = await writeTestNode([
    { name: "guest", runstate: 1, agentSocket: agent.socket },
    { name: "old", runstate: 1, agentSocket: `${dir}/old.sock` },
  ]);
  const client = new LibvirtClient({ uri: node.uri });
  let policy: AgentPermissions | null = null;
  const asked: string[] = [];
  const guest = new GuestService({
    client,
    emit: () => {},
    agentPolicyFor: (uuid) => (asked.push(uuid), policy),
  });
  try {
    assert(await client.connect(), `cannot open ${node.uri}`);
    await fn({ guest, allowed, setPolicy: (p) => policy = p, asked, old });
  } finally {
    guest.close();
    await client.close();
    await old.close();
    await agent.stop();
    await node.remove();
    await Deno.remove(dir, { recursive: true });
  }
}

async function refusedWith(p: Promise<unknown>, status: number, code: string): Promise<string> {
  const err = await assertRejects(() => p, AppError);
  assertEquals([err.status, err.code], [status, code], err.message);
  return err.message;
}

Deno.test("guest service - the VM's agent permissions narrow what our agent does, call by call", async () => {
  await withGuests(async ({ guest, allowed, setPolicy, asked }) => {
    const exec = (command: string) => guest.exec("guest", { command, args: ["-s"] });
    // No policy: the agent's own config.
    assertEquals((await exec("uname")).stdout, "Linux\n");
    assertEquals((await guest.readFile("guest", `${allowed}/private.txt`)).bytes.length, 8);
    assertEquals(asked, [GUEST, GUEST], "asked by the VM's UUID, once per call");

    setPolicy({
      allowedDirectories: [`${allowed}/shared`],
      allowedCommands: ["uname", "id"],
      disallowedCommands: [],
    });
    assertEquals((await exec("uname")).stdout, "Linux\n");
    assertMatch(
      await refusedWith(exec("echo"), 403, "COMMAND_NOT_ALLOWED"),
      /"echo" is not on the host policy's allowed commands/,
    );
    const shared = await guest.readFile("guest", `${allowed}/shared/a.txt`);
    assertEquals(new TextDecoder().decode(shared.bytes), "shared\n");
    assertMatch(
      await refusedWith(guest.readFile("guest", `${allowed}/private.txt`), 403, "PATH_NOT_ALLOWED"),
      /is outside the host policy's allowed directories/,
    );
    const bytes = new TextEncoder().encode("x");
    assertEquals(
      (await guest.writeFile("guest", `${allowed}/shared/b.txt`, bytes)).bytesWritten,
      1,
    );
    await refusedWith(guest.writeFile("guest", `${allowed}/b.txt`, bytes), 403, "PATH_NOT_ALLOWED");

    // The policy changes: the next call follows it.
    setPolicy({
      allowedDirectories: [`${allowed}/shared`],
      allowedCommands: ["uname", "id"],
      disallowedCommands: ["uname"],
    });
    assertMatch(
      await refusedWith(exec("uname"), 403, "COMMAND_NOT_ALLOWED"),
      /"uname" is on the host policy's disallowed commands/,
    );
    assertEquals((await guest.exec("guest", { command: "id", args: ["-u"] })).exitCode, 0);

    // It never widens the agent's config.
    setPolicy({ allowedDirectories: ["/etc"], allowedCommands: ["cat"], disallowedCommands: [] });
    assertMatch(
      await refusedWith(guest.exec("guest", { command: "cat" }), 403, "COMMAND_NOT_ALLOWED"),
      /not on the agent's allowed_commands/,
    );
    assertMatch(
      await refusedWith(guest.readFile("guest", "/etc/hostname"), 403, "PATH_NOT_ALLOWED"),
      /outside the agent's allowed_dirs/,
    );

    // No policy again: back to the agent's own config.
    setPolicy(null);
    assertEquals((await exec("echo")).stdout, "-s\n");
    assertEquals((await guest.readFile("guest", `${allowed}/private.txt`)).bytes.length, 8);
  });
});

Deno.test("guest service - an agent too old for the policy is refused, never asked without it", async () => {
  await withGuests(async ({ guest, setPolicy, asked, old }) => {
    // Without a policy the old agent serves as before.
    assertEquals((await guest.exec("old", { command: "uname" })).stdout, "old\n");
    setPolicy({ allowedDirectories: ["/srv"], allowedCommands: ["uname"], disallowedCommands: [] });
    const message = await refusedWith(
      guest.exec("old", { command: "uname" }),
      409,
      "AGENT_OUTDATED",
    );
    assertMatch(message, /older than this server and cannot apply the VM's policy/);
    // Two requests reached it: the plain one, and the one with the policy; no retry without.
    assertEquals(old.requests.length, 2);
    assertEquals(old.requests[1].policy, {
      allowed_dirs: ["/srv"],
      allowed_commands: ["uname"],
      denied_commands: [],
    });
    assertEquals(asked, [OLD, OLD]);
  });
});

Deno.test("guest service - services and updates on an agent before 1.3.0: AGENT_UNSUPPORTED in words; exec never carries the services", async () => {
  await withGuests(async ({ guest, setPolicy, old }) => {
    setPolicy({
      allowedDirectories: ["/srv"],
      allowedCommands: ["uname"],
      disallowedCommands: [],
      allowedServices: ["nginx.service"],
    });
    for (
      const call of [
        () => guest.services("old"),
        () => guest.updates("old"),
        () => guest.serviceAction("old", "nginx", "restart"),
      ]
    ) {
      assertMatch(
        await refusedWith(call(), 501, "AGENT_UNSUPPORTED"),
        /agent is older than 1\.3\.0 and cannot do this: update it from \/agent\/kvmm-agent\.js/,
      );
    }
    // The exec policy stays what agents since 1.1.0 know: the services list is not in it.
    await refusedWith(guest.exec("old", { command: "uname" }), 409, "AGENT_OUTDATED");
    assertEquals(Object.keys(old.requests.at(-1)!.policy as object).sort(), [
      "allowed_commands",
      "allowed_dirs",
      "denied_commands",
    ]);
  });
});
