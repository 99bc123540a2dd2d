// The command-line client end to end: the real server (loopback, a private test-driver node) and
// `deno run -A main.ts vm|host|console …` as a process of its own, for every command: what it
// prints for people and with --json, that the change really happened (read back through the
// API), and each failure's message and exit status.

import { VERSION } from "../lib/version.ts";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { t4MdevTypes, testGpu, testMdev, writeTestNode } from "./support/test_node.ts";
import { assertExit, DENO_DIR, MAIN, rows, runCli, withCli } from "./support/cli.ts";
import { loopbackName } from "./support/loopback_name.ts";

/** VMs without their uptime, which moves on between two answers a second apart. */
function sansUptime<T>(vms: T): T {
  const strip = (vm: Record<string, unknown>) => {
    const { uptimeSeconds: _, ...rest } = vm;
    return rest;
  };
  return (Array.isArray(vms) ? vms.map(strip) : strip(vms as Record<string, unknown>)) as T;
}

Deno.test("cli - vm list, vm show, host and host list for people and with --json", async () => {
  await withCli(async ({ run, api }) => {
    const list = await run(["vm", "list"]);
    assertExit(list, 0, "vm list");
    assertEquals(list.stderr, "");
    assertEquals(rows(list.stdout), [
      { NAME: "cache", STATE: "paused", VCPUS: "1", MEMORY: "256 MiB", ADDRESSES: "-" },
      { NAME: "db", STATE: "stopped", VCPUS: "4", MEMORY: "4 GiB", ADDRESSES: "-" },
      { NAME: "web", STATE: "running", VCPUS: "2", MEMORY: "1 GiB", ADDRESSES: "-" },
    ]);
    const listJson = await run(["vm", "list", "--json"]);
    assertExit(listJson, 0, "vm list --json");
    assertEquals(
      sansUptime(JSON.parse(listJson.stdout)),
      sansUptime((await api("GET", "/api/vms")).body),
    );

    const vm = (await api("GET", "/api/vms/web")).body;
    const show = await run(["vm", "show", "web"]);
    assertExit(show, 0, "vm show");
    assertMatch(show.stdout, /^Name: +web$/m);
    assertMatch(show.stdout, new RegExp(`^UUID: +${vm.id}$`, "m"));
    assertMatch(show.stdout, /^State: +running$/m);
    assertMatch(show.stdout, /^vCPUs: +2$/m);
    assertMatch(
      show.stdout,
      /^ +vda +disk +virtio +qcow2 +2 GiB +\/var\/lib\/kvmm-testdriver\/pool\/web\.qcow2$/m,
    );
    assertMatch(show.stdout, /^ +52:54:00:00:00:00 +default +virtio/m);
    // By UUID too, and --json is the API's answer as is.
    const byUuid = await run(["vm", "show", vm.id, "--json"]);
    assertExit(byUuid, 0, "vm show UUID --json");
    assertEquals(sansUptime(JSON.parse(byUuid.stdout)), sansUptime(vm));

    const host = await run(["host"]);
    assertExit(host, 0, "host");
    const info = (await api("GET", "/api/host")).body;
    assertMatch(host.stdout, new RegExp(`^Host name: +${info.hostname}$`, "m"));
    assertMatch(host.stdout, /^Connection: +test:\/\/\/.*node\.xml \(connected, demo\)$/m);
    assertMatch(host.stdout, /^CPU: +x86_64, 4 cores, 8 threads$/m);
    // Active: running or paused (web and cache).
    assertMatch(host.stdout, /^VMs: +2 active of 3$/m);
    const hostJson = await run(["host", "--json"]);
    assertEquals(JSON.parse(hostJson.stdout), info);

    const hosts = await run(["host", "list"]);
    assertExit(hosts, 0, "host list");
    const listed = rows(hosts.stdout);
    assertEquals(listed.length, 1);
    assertEquals([listed[0].ID, listed[0].STATUS], ["local", "connected"]);
    const hostsJson = await run(["host", "list", "--json"]);
    assertEquals(JSON.parse(hostsJson.stdout), (await api("GET", "/api/hosts")).body);
  });
});

Deno.test("cli - host devices: a table of PCI and USB devices with IOMMU groups, --json; attach-device refusals", async () => {
  const devices = [
    testGpu("0000:41:00.0", { group: 7, inner: t4MdevTypes(4) }),
    testMdev("4b20d080-1b54-4048-85b3-a6a62d165c01").xml,
    `<device><name>usb_3_4</name><parent>usb_usb3</parent>
      <capability type='usb_device'><bus>3</bus><device>4</device>
      <product id='0x5678'>Token 2</product><vendor id='0x1050'>Yubico.com</vendor></capability></device>`,
  ].join("");
  await withCli(async ({ run, api }) => {
    const devs = await run(["host", "devices"]);
    assertExit(devs, 0, "host devices");
    const [table, status, mdevs] = devs.stdout.trimEnd().split("\n\n");
    assertEquals(rows(table).map((r) => [r.ADDRESS, r.BUS, r.ID, r.GROUP]), [
      ["0000:41:00.0", "PCI", "10de:1eb8", "7"],
      ["003:004", "USB", "1050:5678", "-"],
    ]);
    assertMatch(rows(table)[0].DEVICE, /^NVIDIA Corporation /);
    assertEquals(rows(table)[1].DEVICE, "Yubico.com Token 2");
    assertEquals(status, "IOMMU on, 1 group");
    const [heading, ...instances] = mdevs.split("\n");
    assertEquals(heading, "Mediated devices:");
    assertEquals(rows(instances.join("\n")), [{
      NAME: "mdev_4b20d080_1b54_4048_85b3_a6a62d165c01_0000_41_00_0",
      TYPE: "nvidia-222",
      PARENT: "pci_0000_41_00_0",
      STATE: "started",
    }]);
    // Making one: the type is checked by the server; the demo's driver cannot define one.
    const wrong = await run(["host", "mdev-create", "pci_0000_41_00_0", "nvidia-1"]);
    assertExit(wrong, 1, "mdev-create of a type the device does not offer");
    assertMatch(wrong.stderr, /offers no mediated device type nvidia-1; it offers nvidia-222/);
    const driver = await run(["host", "mdev-create", "pci_0000_41_00_0", "nvidia-222"]);
    assertExit(driver, 1, "mdev-create on the test driver");
    assertMatch(driver.stderr, /not supported by the connection driver/);
    assertExit(await run(["host", "mdev-remove"]), 2, "mdev-remove without NAME");
    const json = await run(["host", "devices", "--json"]);
    assertEquals(JSON.parse(json.stdout), (await api("GET", "/api/host/devices")).body);

    // vm attach-device: the API's refusal in its words, flags checked first.
    const unknown = await run(["vm", "attach-device", "db", "pci_0000_99_00_0"]);
    assertExit(unknown, 5, "attach-device of an unknown device (not found)");
    assertEquals(
      unknown.stderr,
      "kvm-manager: Host device not found: pci_0000_99_00_0 (HOST_DEVICE_NOT_FOUND)\n",
    );
    const badFlag = await run(["vm", "attach-device", "db", "usb_3_4", "--usb-by", "port"]);
    assertExit(badFlag, 2, "attach-device --usb-by port");
    assertMatch(badFlag.stderr, /--usb-by must be id or address/);
    // --whole-group goes to the API, which refuses it for USB in its words.
    const usbGroup = await run(["vm", "attach-device", "db", "usb_3_4", "--whole-group"]);
    assertExit(usbGroup, 1, "attach-device --whole-group of a USB device");
    assertMatch(usbGroup.stderr, /wholeGroup is for PCI devices: USB has no IOMMU group/);
    const notHeld = await run(["vm", "detach-device", "db", "usb_3_4"]);
    assertExit(notHeld, 5, "detach-device of a device the VM has not (not found)");
    assertMatch(notHeld.stderr, /The VM has no host device usb_3_4 \(HOST_DEVICE_NOT_FOUND\)/);
  }, { nodeDevices: devices });
});

Deno.test("cli - lifecycle commands change the VM's state, refusals exit 1", async () => {
  await withCli(async ({ run, state }) => {
    const start = await run(["vm", "start", "db"]);
    assertExit(start, 0, "vm start db");
    assertEquals(start.stdout, "Started db\n");
    assertEquals(await state("db"), "running");

    const again = await run(["vm", "start", "db"]);
    assertExit(again, 1, "vm start of a running VM");
    assertEquals(again.stdout, "");
    assertEquals(again.stderr, "kvm-manager: VM is already running (INVALID_STATE)\n");
    const againJson = await run(["vm", "start", "db", "--json"]);
    assertExit(againJson, 1, "vm start --json of a running VM");
    assertEquals(JSON.parse(againJson.stderr), {
      code: "INVALID_STATE",
      message: "VM is already running",
    });

    const pause = await run(["vm", "pause", "web", "--json"]);
    assertExit(pause, 0, "vm pause --json");
    assertEquals(JSON.parse(pause.stdout), { ok: true });
    assertEquals(await state("web"), "paused");
    const resume = await run(["vm", "resume", "web"]);
    assertEquals([resume.code, resume.stdout], [0, "Resumed web\n"]);
    assertEquals(await state("web"), "running");
    const resumeAgain = await run(["vm", "resume", "web"]);
    assertExit(resumeAgain, 1, "resume of a running VM");
    assertMatch(resumeAgain.stderr, /^kvm-manager: VM is not paused \([A-Z_]+\)\n$/);

    const reboot = await run(["vm", "reboot", "web"]);
    assertExit(reboot, 0, "vm reboot");
    assertMatch(reboot.stdout, /^Asked web to reboot \(acpi\)\n$/);
    assertEquals(await state("web"), "running");

    const stop = await run(["vm", "stop", "web"]);
    assertExit(stop, 0, "vm stop");
    assertEquals(stop.stdout, "Asked web to shut down (acpi)\n");
    assertEquals(await state("web"), "stopped");

    const force = await run(["vm", "force-stop", "db"]);
    assertEquals([force.code, force.stdout], [0, "Powered off db\n"]);
    assertEquals(await state("db"), "stopped");
    const forceAgain = await run(["vm", "force-stop", "db"]);
    assertExit(forceAgain, 1, "force-stop of a stopped VM");
    assertMatch(forceAgain.stderr, /VM is not running/);
  });
});

Deno.test("cli - vm delete asks on a terminal, needs --yes otherwise, and deletes", async () => {
  await withCli(async ({ run, api, server, admin, home }) => {
    // stdin is not a terminal: refused before anything is asked or sent.
    const noYes = await run(["vm", "delete", "db"]);
    assertExit(noYes, 2, "vm delete without --yes");
    assertMatch(noYes.stderr, /without --yes: stdin is not a terminal/);
    assertEquals((await api("GET", "/api/vms/db")).status, 200);

    const running = await run(["vm", "delete", "web", "--yes"]);
    assertExit(running, 1, "vm delete of a running VM");
    assertEquals(
      running.stderr,
      "kvm-manager: Cannot delete running VM. Stop it first. (INVALID_STATE)\n",
    );

    // On a terminal (script(1) gives it one) it asks; "n" keeps the VM, "y" deletes it.
    const onTerminal = async (answer: string) => {
      const cmd = [Deno.execPath(), "run", "-A", MAIN, "vm", "delete", "db", "--url", server.url]
        .map((a) => `'${a}'`).join(" ");
      const child = new Deno.Command("script", {
        args: ["-qfec", cmd, "/dev/null"],
        env: { HOME: home, DENO_DIR, KVMM_TOKEN: admin },
        stdin: "piped",
        stdout: "piped",
        stderr: "piped",
      }).spawn();
      const w = child.stdin.getWriter();
      await w.write(new TextEncoder().encode(answer));
      await w.close();
      const out = await child.output();
      return { code: out.code, text: new TextDecoder().decode(out.stdout) };
    };
    const no = await onTerminal("n\n");
    assertEquals(no.code, 1, no.text);
    assertMatch(no.text, /Delete VM db \(its disks are kept\)\? \[y\/N\]/);
    assertMatch(no.text, /db was not deleted \(CANCELLED\)/);
    assertEquals((await api("GET", "/api/vms/db")).status, 200);
    const yes = await onTerminal("y\n");
    assertEquals(yes.code, 0, yes.text);
    assertMatch(yes.text, /Deleted db/);
    assertEquals((await api("GET", "/api/vms/db")).status, 404);

    // --delete-disks removes the disk volume too; --json is the API's answer.
    await api("POST", "/api/vms/web/force-stop");
    const del = await run(["vm", "delete", "web", "--yes", "--delete-disks", "--json"]);
    assertExit(del, 0, "vm delete --delete-disks --json");
    const body = JSON.parse(del.stdout);
    assertEquals(body.deletedDisks, ["/var/lib/kvmm-testdriver/pool/web.qcow2"]);
    assertEquals((await api("GET", "/api/vms/web")).status, 404);
    const vols = (await api("GET", "/api/pools/default/volumes")).body as { name: string }[];
    assert(!vols.some((v) => v.name === "web.qcow2"), "web.qcow2 is gone from the pool");

    const gone = await run(["vm", "delete", "web", "--yes"]);
    assertExit(gone, 5, "vm delete of a deleted VM");
    assertEquals(gone.stderr, "kvm-manager: VM not found: web (VM_NOT_FOUND)\n");
  });
});

Deno.test("cli - vm create from flags, a JSON file, stdin and a template", async () => {
  await withCli(async ({ run, api, home }) => {
    const made = await run([
      "vm",
      "create",
      "cli-new",
      "--vcpus",
      "2",
      "--memory",
      "512",
      "--disk",
      "3",
      "--network",
      "none",
      "--description",
      "made by the CLI",
    ]);
    assertExit(made, 0, "vm create");
    const vm = (await api("GET", "/api/vms/cli-new")).body;
    assertEquals(made.stdout, `Created cli-new (${vm.id})\n`);
    assertEquals(
      [vm.cpuCount, vm.memoryMb, vm.diskSizeGb, vm.networkInterfaces, vm.description, vm.state],
      [2, 512, 3, [], "made by the CLI", "stopped"],
    );

    const dup = await run(["vm", "create", "cli-new"]);
    assertExit(dup, 1, "vm create of an existing name");
    assertEquals(dup.stderr, "kvm-manager: VM name already exists: cli-new (NAME_EXISTS)\n");

    const bad = await run(["vm", "create", "cli-bad", "--memory", "1", "--vcpus", "0"]);
    assertExit(bad, 1, "vm create with bad sizes");
    assertEquals(
      bad.stderr,
      "kvm-manager: Invalid CPU count: 0 (must be 1-256) (INVALID_CONFIG)\n" +
        "  cpuCount: Invalid CPU count: 0 (must be 1-256)\n" +
        "  memoryMb: Invalid memory size: 1 MiB (minimum 128 MiB)\n",
    );
    assertEquals((await api("GET", "/api/vms/cli-bad")).status, 404);
    const badJson = await run(["vm", "create", "cli-bad", "--memory", "1", "--json"]);
    assertEquals(JSON.parse(badJson.stderr).code, "INVALID_CONFIG");
    assertEquals(JSON.parse(badJson.stderr).errors[0].field, "memoryMb");

    const notNumber = await run(["vm", "create", "cli-x", "--memory", "lots"]);
    assertExit(notNumber, 2, "vm create --memory lots");
    assertEquals(
      notNumber.stderr,
      'kvm-manager: --memory takes a whole number, not "lots" (USAGE)\n',
    );

    const config = {
      name: "cli-json",
      cpuCount: 1,
      memoryMb: 256,
      diskSizeGb: 1,
      osType: "linux",
      network: "default",
      diskFormat: "raw",
      bootMenu: false,
    };
    const file = `${home}/vm.json`;
    await Deno.writeTextFile(file, JSON.stringify(config));
    const fromFile = await run(["vm", "create", "--from-json", file, "--json"]);
    assertExit(fromFile, 0, "vm create --from-json");
    const created = JSON.parse(fromFile.stdout);
    assertEquals(created.name, "cli-json");
    const jsonVm = (await api("GET", "/api/vms/cli-json")).body;
    assertEquals(jsonVm.id, created.id);
    assertEquals(jsonVm.disks[0].format, "raw");

    // "-" reads stdin; a flag overrides the file.
    const fromStdin = await run(["vm", "create", "--from-json", "-", "--name", "cli-stdin"], {
      stdin: JSON.stringify({ ...config, name: "ignored" }),
    });
    assertExit(fromStdin, 0, "vm create --from-json -");
    assertEquals((await api("GET", "/api/vms/cli-stdin")).body.memoryMb, 256);

    const tpl = await api("POST", "/api/templates", {
      name: "small",
      config: { ...config, name: undefined, cpuCount: 3, memoryMb: 640 },
    });
    assertEquals(tpl.status, 201);
    const fromTpl = await run([
      "vm",
      "create",
      "cli-tpl",
      "--template",
      "small",
      "--memory",
      "384",
    ]);
    assertExit(fromTpl, 0, "vm create --template");
    const tplVm = (await api("GET", "/api/vms/cli-tpl")).body;
    assertEquals([tplVm.cpuCount, tplVm.memoryMb], [3, 384]);
    const noTpl = await run(["vm", "create", "cli-none", "--template", "nosuch"]);
    assertExit(noTpl, 5, "vm create --template nosuch");
    assertEquals(noTpl.stderr, "kvm-manager: Template not found: nosuch (TEMPLATE_NOT_FOUND)\n");

    const noName = await run(["vm", "create", "--memory", "512"]);
    assertExit(noName, 2, "vm create without a name");
    assertMatch(noName.stderr, /missing NAME/);
  });
});

Deno.test("cli - failures exit 2 (usage), 3 (unreachable), 4 (token, role), 5 (not found)", async () => {
  await withCli(async ({ run, viewer, server, state }) => {
    const unknown = await run(["vm", "show", "nosuch"]);
    assertExit(unknown, 5, "vm show of an unknown VM");
    assertEquals(unknown.stderr, "kvm-manager: VM not found: nosuch (VM_NOT_FOUND)\n");
    const unknownJson = await run(["vm", "start", "nosuch", "--json"]);
    assertExit(unknownJson, 5, "vm start --json of an unknown VM");
    assertEquals(JSON.parse(unknownJson.stderr), {
      code: "VM_NOT_FOUND",
      message: "VM not found: nosuch",
    });
    assertEquals(unknownJson.stdout, "");

    const badToken = await run(["vm", "list", "--url", server.url, "--token", "kvmm_nope"], {
      bare: true,
    });
    assertExit(badToken, 4, "a bad token");
    assertEquals(
      badToken.stderr,
      "kvm-manager: The API token is unknown or revoked (UNAUTHENTICATED)\n",
    );

    const noToken = await run(["vm", "list", "--url", server.url], { bare: true });
    assertExit(noToken, 4, "no token");
    assertMatch(noToken.stderr, /no API token: give --token, set KVMM_TOKEN .* \(NO_TOKEN\)/);

    const asViewer = await run(["vm", "stop", "web", "--url", server.url, "--token", viewer], {
      bare: true,
    });
    assertExit(asViewer, 4, "a viewer's stop");
    assertMatch(asViewer.stderr, /^kvm-manager: Your role \(viewer\) may not .* \(FORBIDDEN\)\n$/);
    assertEquals(await state("web"), "running");
    const viewerList = await run(["vm", "list", "--url", server.url, "--token", viewer], {
      bare: true,
    });
    assertExit(viewerList, 0, "a viewer's list");
    const viewerConsole = await run(["console", "web", "--url", server.url, "--token", viewer], {
      bare: true,
    });
    assertExit(viewerConsole, 4, "a viewer's console");

    const consoleUnknown = await run(["console", "nosuch"]);
    assertExit(consoleUnknown, 5, "console of an unknown VM");

    // A port nothing listens on: the connection is refused.
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = (listener.addr as Deno.NetAddr).port;
    listener.close();
    const down = await run(["vm", "list", "--url", `http://127.0.0.1:${port}`, "--token", "x"], {
      bare: true,
    });
    assertExit(down, 3, "server down");
    assertMatch(
      down.stderr,
      new RegExp(
        `^kvm-manager: cannot reach http://127\\.0\\.0\\.1:${port}: .*\\(UNREACHABLE\\)\\n$`,
      ),
    );
    const downJson = await run(
      ["vm", "list", "--json", "--url", `http://127.0.0.1:${port}`, "--token", "x"],
      { bare: true },
    );
    assertExit(downJson, 3, "server down --json");
    assertEquals(JSON.parse(downJson.stderr).code, "UNREACHABLE");

    const badFlag = await run(["vm", "list", "--bogus"]);
    assertExit(badFlag, 2, "an unknown flag");
    assertEquals(badFlag.stderr, "kvm-manager: Unknown option '--bogus' (USAGE)\n");
    const missing = await run(["vm", "start"]);
    assertExit(missing, 2, "vm start without NAME");
    assertEquals(missing.stderr, "kvm-manager: missing NAME: kvm-manager vm start NAME (USAGE)\n");
    const wrongFlag = await run(["vm", "start", "web", "--delete-disks"]);
    assertExit(wrongFlag, 2, "a flag of another command");
    const sub = await run(["vm", "explode", "web"]);
    assertExit(sub, 2, "an unknown vm command");
    const hostSub = await run(["host", "explode"]);
    assertExit(hostSub, 2, "an unknown host command");
    const badUrl = await run(["vm", "list", "--url", "ftp://x", "--token", "x"], { bare: true });
    assertExit(badUrl, 2, "an ftp URL");

    const unknownHost = await run(["vm", "list", "--host", "nosuch"]);
    assertExit(unknownHost, 5, "an unknown --host");
    assertMatch(unknownHost.stderr, /\(HOST_NOT_FOUND\)\n$/);
  });
});

Deno.test("cli - settings from the environment and the config file; an open file is refused", async () => {
  await withCli(async ({ run, admin, server, home, state }) => {
    const env = { KVMM_URL: server.url, KVMM_TOKEN: admin };
    const viaEnv = await run(["vm", "start", "db"], { bare: true, env });
    assertExit(viaEnv, 0, "URL and token from the environment");
    assertEquals(await state("db"), "running");
    // A flag beats the environment.
    const flagWins = await run(["vm", "list", "--token", "kvmm_wrong"], { bare: true, env });
    assertExit(flagWins, 4, "--token over KVMM_TOKEN");

    // The default file: ~/.config/kvm-manager/cli.json.
    await Deno.mkdir(`${home}/.config/kvm-manager`, { recursive: true });
    const file = `${home}/.config/kvm-manager/cli.json`;
    await Deno.writeTextFile(file, JSON.stringify({ url: server.url, token: admin }), {
      mode: 0o600,
    });
    await Deno.chmod(file, 0o644);
    const open = await run(["vm", "list"], { bare: true });
    assertExit(open, 2, "a token file others can read");
    assertEquals(
      open.stderr,
      `kvm-manager: ${file} holds an API token but other users can read or change it ` +
        `(mode 644): run chmod 600 ${file} (CONFIG)\n`,
    );
    await Deno.chmod(file, 0o600);
    const fromFile = await run(["vm", "stop", "db"], { bare: true });
    assertExit(fromFile, 0, "URL and token from the default config file");
    assertEquals(await state("db"), "stopped");

    // --config and KVMM_CLI_CONFIG name another file; a missing one is an error.
    const other = `${home}/other.json`;
    await Deno.writeTextFile(other, JSON.stringify({ url: server.url, token: "kvmm_wrong" }), {
      mode: 0o600,
    });
    const viaFlag = await run(["vm", "list", "--config", other], { bare: true });
    assertExit(viaFlag, 4, "--config with a wrong token");
    const viaEnvFile = await run(["vm", "list"], { bare: true, env: { KVMM_CLI_CONFIG: other } });
    assertExit(viaEnvFile, 4, "KVMM_CLI_CONFIG with a wrong token");
    const missing = await run(["vm", "list", "--config", `${home}/nope.json`], { bare: true });
    assertExit(missing, 2, "a missing --config file");
    assertMatch(missing.stderr, /cannot read the config file .*nope\.json/);
    await Deno.writeTextFile(other, JSON.stringify({ url: server.url, tokn: "x" }));
    const typo = await run(["vm", "list", "--config", other], { bare: true });
    assertExit(typo, 2, "an unknown key");
    assertMatch(typo.stderr, /unknown key "tokn"/);
  });
});

Deno.test("cli - --host picks a libvirt host; --host all lists every host's VMs", async () => {
  const second = await writeTestNode([{ name: "far", runstate: 5, vcpus: 1, memoryMb: 512 }]);
  try {
    await withCli(async ({ run, api, state }) => {
      const added = await api("POST", "/api/hosts", { name: "Rack 2", uri: second.uri });
      assertEquals(added.status, 201, JSON.stringify(added.body));

      const hosts = await run(["host", "list"]);
      assertExit(hosts, 0, "host list");
      assertEquals(rows(hosts.stdout).map((h) => h.ID), ["local", "rack-2"]);

      const all = await run(["vm", "list", "--host", "all"]);
      assertExit(all, 0, "vm list --host all");
      const listed = rows(all.stdout).map((r) => `${r.HOST}/${r.NAME}/${r.STATE}`).sort();
      assertEquals(listed, [
        "local/cache/paused",
        "local/db/stopped",
        "local/web/running",
        "rack-2/far/stopped",
      ]);
      const allJson = JSON.parse((await run(["vm", "list", "--host", "all", "--json"])).stdout);
      assertEquals(
        allJson.vms.map((v: { host: string; name: string }) => `${v.host}/${v.name}`).sort(),
        ["local/cache", "local/db", "local/web", "rack-2/far"],
      );
      assertEquals(allJson.hosts.map((h: { id: string }) => h.id).sort(), ["local", "rack-2"]);

      const start = await run(["vm", "start", "far", "--host", "rack-2"]);
      assertExit(start, 0, "vm start --host rack-2");
      assertEquals(await state("far", "rack-2"), "running");
      const notLocal = await run(["vm", "start", "far"]);
      assertExit(notLocal, 5, "far is not on the local host");
      const viaEnv = await run(["vm", "list"], { env: { KVMM_HOST: "rack-2" } });
      assertEquals(rows(viaEnv.stdout).map((r) => r.NAME), ["far"]);
    });
  } finally {
    await second.remove();
  }
});

Deno.test("cli - a self-signed certificate needs --ca-cert or --insecure", async () => {
  await withCli(async ({ run, server, admin, home }) => {
    assert(server.url.startsWith("https://"), server.url);
    const dataDir = server.ctx.config.dataDir;
    const plain = await run(["vm", "list"]);
    assertExit(plain, 3, "an unverified certificate");
    assertMatch(
      plain.stderr,
      /^kvm-manager: cannot verify the TLS certificate of https:\/\/127\.0\.0\.1:\d+: invalid peer certificate: UnknownIssuer; trust the server's certificate with --ca-cert FILE .* or accept it unchecked with --insecure \(TLS_CERTIFICATE\)\n$/,
    );

    const ca = await run(["vm", "list", "--ca-cert", `${dataDir}/tls/cert.pem`]);
    assertExit(ca, 0, "--ca-cert");
    assertEquals(rows(ca.stdout).map((r) => r.NAME), ["cache", "db", "web"]);
    const insecure = await run(["vm", "start", "db", "--insecure"]);
    assertExit(insecure, 0, "--insecure");
    assertEquals(insecure.stdout, "Started db\n");
    // The name must still be one the certificate holds: "localhost" is.
    const name = await loopbackName();
    const byName = await run([
      "host",
      "--insecure",
      "--url",
      server.url.replace("127.0.0.1", name),
    ]);
    assertExit(byName, 0, `--insecure by ${name}`);

    // Both from the config file, caCert relative to it.
    await Deno.copyFile(`${dataDir}/tls/cert.pem`, `${home}/server.pem`);
    const file = `${home}/cli.json`;
    await Deno.writeTextFile(
      file,
      JSON.stringify({ url: server.url, token: admin, caCert: "server.pem" }),
      { mode: 0o600 },
    );
    const fromFile = await run(["vm", "list", "--config", file], { bare: true });
    assertExit(fromFile, 0, "caCert in the config file");

    const notPem = await run(["vm", "list", "--ca-cert", file]);
    assertExit(notPem, 2, "--ca-cert of a file that is no certificate");
  }, { tls: true });
});

Deno.test("cli - help: every command's usage and the program's", async () => {
  const home = await Deno.makeTempDir({ prefix: "kvmm-test-cli-home-" });
  try {
    for (const command of ["vm", "host", "network", "console"]) {
      const r = await runCli([command, "--help"], home);
      assertExit(r, 0, `${command} --help`);
      assertMatch(r.stdout, new RegExp(`^Usage: kvm-manager ${command} `));
      assertMatch(r.stdout, /Exit status: 0 ok; 1 the server refused/);
    }
    const top = await runCli(["--help"], home);
    assertMatch(top.stdout, /kvm-manager console NAME +a VM's serial console \(Ctrl\+a t leaves\)/);
    assertMatch(top.stdout, /kvm-manager network list\|show\|start\|topology\|…/);
    const noCommand = await runCli(["vm"], home);
    assertExit(noCommand, 2, "vm without a command");
    const version = await runCli(["--version"], home);
    assertExit(version, 0, "--version");
    assertMatch(
      version.stdout,
      new RegExp(`^kvm-manager ${VERSION.replaceAll(".", "\\.")} \\(commit `),
    );
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("cli - profile: list, show, export to a file, import it renamed, assign, policy, unassign", async () => {
  await withCli(async ({ run, api, home, viewer, server }) => {
    const created = await api("POST", "/api/profiles", {
      name: "Web",
      description: "front ends",
      alerts: [{ name: "cpu-high", metric: "cpu", threshold: 90 }],
      tags: ["web"],
    });
    assertEquals(created.status, 201);

    const list = await run(["profile", "list"]);
    assertEquals(list.code, 0, list.stderr);
    assertMatch(list.stdout, /^NAME\s+SETTINGS\s+VMS\s+DESCRIPTION\nWeb\s+2\s+0\s+front ends\n$/);
    const shown = await run(["profile", "show", "web"]); // names in any case
    assertEquals(shown.code, 0, shown.stderr);
    assertMatch(shown.stdout, /Alert rules:\s+cpu-high \(cpu > 90\)/);

    const file = `${home}/web.kvmm-profile.json`;
    const exported = await run(["profile", "export", "Web", "--output", file]);
    assertEquals([exported.code, exported.stdout], [0, ""], exported.stderr);
    const saved = JSON.parse(await Deno.readTextFile(file));
    assertEquals([saved.format, saved.version, saved.profile.tags], ["kvmm-profile", 1, ["web"]]);

    // The name is taken: the server's NameCollision, exit 1, until --rename-to.
    const clash = await run(["profile", "import", file]);
    assertEquals(clash.code, 1);
    assertMatch(clash.stderr, /A profile named Web already exists.*\(NameCollision\)/);
    const imported = await run(["profile", "import", file, "--rename-to", "Web 2", "--json"]);
    assertEquals(imported.code, 0, imported.stderr);
    assertEquals(JSON.parse(imported.stdout).collisionResolved, true);
    const fromStdin = await run(["profile", "import", "-", "--rename-to", "Web 3"], {
      stdin: await Deno.readTextFile(file),
    });
    assertEquals(fromStdin.code, 0, fromStdin.stderr);
    assertMatch(fromStdin.stdout, /Imported profile Web 3 \(2 settings\), renamed/);

    // Files that cannot be read or written are IoError, exit 2; a broken file is the server's.
    const missing = await run(["profile", "import", `${home}/nope.json`]);
    assertEquals(missing.code, 2);
    assertMatch(missing.stderr, /cannot read .*nope\.json.*\(IoError\)/);
    const unwritable = await run(["profile", "export", "Web", "--output", `${home}/no/dir/x`]);
    assertEquals(unwritable.code, 2);
    assertMatch(unwritable.stderr, /cannot write .*\(IoError\)/);
    await Deno.writeTextFile(`${home}/broken.json`, '{"format": "kvmm-profile", "version": 9}');
    const newer = await run(["profile", "import", `${home}/broken.json`]);
    assertEquals(newer.code, 1);
    assertMatch(newer.stderr, /format version 9.*\(VersionUnsupported\)/);

    const assigned = await run(["profile", "assign", "web", "Web"]);
    assertEquals(assigned.code, 0, assigned.stderr);
    const policy = await run(["profile", "policy", "web"]);
    assertEquals(policy.code, 0, policy.stderr);
    assertMatch(policy.stdout, /^Profile: Web\n/);
    assertMatch(policy.stdout, /tag:web\s+profile\s+"web"/);
    const again = await run(["profile", "assign", "web", "Web 2"]);
    assertEquals(again.code, 1);
    assertMatch(again.stderr, /already has profile Web.*\(VmAlreadyAssigned\)/);
    const noVm = await run(["profile", "assign", "no-such-vm", "Web"]);
    assertEquals(noVm.code, 5);
    const noProfile = await run(["profile", "show", "nope"]);
    assertMatch(noProfile.stderr, /Profile not found: nope/);
    assertEquals(noProfile.code, 5);

    const asViewer = await run(
      ["profile", "unassign", "web", "--url", server.url, "--token", viewer],
      { bare: true },
    );
    assertEquals(asViewer.code, 4);
    const un = await run(["profile", "unassign", "web"]);
    assertEquals(un.code, 0, un.stderr);
    assertEquals((await api("GET", "/api/vms/web/policy")).body.profile, null);
  });
});
