// Tests for the iptables firewall against a fake iptables that keeps rules in memory and lists
// them the way iptables-nft 1.8 does (tests/firewall_real_test.ts runs the real one).

import { AppError } from "../errors.ts";
import { type CommandRunner, type ForwardRule, IptablesFirewall } from "./iptables.ts";
import { assert, assertEquals, assertMatch, assertRejects } from "../../tests/support/assert.ts";

type Table = "nat" | "filter";

/** An in-memory iptables: `lines` per chain as `iptables -S` prints them. */
class FakeIptables {
  chains: Record<Table, Map<string, string[]>> = {
    nat: new Map([["PREROUTING", []], ["INPUT", []], ["OUTPUT", []], ["POSTROUTING", []]]),
    filter: new Map([["INPUT", []], ["FORWARD", []], ["OUTPUT", []]]),
  };
  builtin = new Set(["PREROUTING", "INPUT", "OUTPUT", "POSTROUTING", "FORWARD"]);
  /** Every command but listings, without the leading "-w 10". */
  changes: string[][] = [];
  binaries: string[] = [];

  constructor(seed: Partial<Record<Table, Record<string, string[]>>> = {}) {
    for (const table of ["nat", "filter"] as const) {
      for (const [chain, lines] of Object.entries(seed[table] ?? {})) {
        this.chains[table].set(chain, [...lines]);
      }
    }
  }

  run: CommandRunner = (binary, args) => {
    this.binaries.push(binary);
    assertEquals(args.slice(0, 2), ["-w", "10"], "every call waits for the xtables lock");
    assertEquals(args[2], "-t");
    const table = args[3] as Table;
    const [cmd, chain, ...rest] = args.slice(4);
    const chains = this.chains[table];
    const ok = (stdout = "") => Promise.resolve({ code: 0, stdout, stderr: "" });
    const fail = (stderr: string) => Promise.resolve({ code: 1, stdout: "", stderr });
    if (cmd === "-S" && chain === undefined) return ok(this.listing(table));
    this.changes.push(args.slice(2));
    if (cmd === "-N") {
      if (chains.has(chain)) return fail("iptables: Chain already exists.");
      chains.set(chain, []);
      return ok();
    }
    const lines = chains.get(chain);
    if (!lines) return fail(`iptables: No chain/target/match by that name.`);
    switch (cmd) {
      case "-A":
        lines.push(print(rest));
        return ok();
      case "-I":
        lines.splice(Number(rest[0]) - 1, 0, print(rest.slice(1)));
        return ok();
      case "-D":
        assert(/^\d+$/.test(rest[0]) && Number(rest[0]) <= lines.length, `bad -D ${rest}`);
        lines.splice(Number(rest[0]) - 1, 1);
        return ok();
      case "-F":
        lines.length = 0;
        return ok();
      case "-X":
        if (lines.length > 0) return fail("iptables: Directory not empty.");
        chains.delete(chain);
        return ok();
    }
    throw new Error(`fake iptables does not know ${args.join(" ")}`);
  };

  listing(table: Table): string {
    const out: string[] = [];
    for (const chain of this.chains[table].keys()) {
      out.push(this.builtin.has(chain) ? `-P ${chain} ACCEPT` : `-N ${chain}`);
    }
    for (const [chain, lines] of this.chains[table]) {
      for (const line of lines) out.push(`-A ${chain} ${line}`);
    }
    return out.join("\n") + "\n";
  }

  rules(table: Table, chain: string): string[] | undefined {
    return this.chains[table].get(chain);
  }
}

/** Args as a rule line; the comment quoted like iptables prints it. */
const print = (args: readonly string[]) =>
  args.map((a, i) => (args[i - 1] === "--comment" ? `"${a}"` : a)).join(" ");

const WEB: ForwardRule = {
  id: 1,
  protocol: "tcp",
  hostPort: 8080,
  guestIp: "192.168.122.10",
  guestPort: 80,
  bridge: "virbr0",
};
const DNS: ForwardRule = {
  id: 2,
  protocol: "udp",
  hostPort: 5353,
  guestIp: "192.168.122.11",
  guestPort: 53,
  bridge: "virbr0",
};

const WEB_DNAT = [
  "-p",
  "tcp",
  "-m",
  "addrtype",
  "--dst-type",
  "LOCAL",
  "--dport",
  "8080",
  "-m",
  "comment",
  "--comment",
  "kvmm:1",
  "-j",
  "DNAT",
  "--to-destination",
  "192.168.122.10:80",
];
const WEB_ACCEPT = [
  "-o",
  "virbr0",
  "-d",
  "192.168.122.10",
  "-p",
  "tcp",
  "--dport",
  "80",
  "-m",
  "conntrack",
  "--ctstate",
  "DNAT",
  "-m",
  "comment",
  "--comment",
  "kvmm:1",
  "-j",
  "ACCEPT",
];
const OUTPUT_JUMP = [
  "!",
  "-d",
  "127.0.0.0/8",
  "-m",
  "addrtype",
  "--dst-type",
  "LOCAL",
  "-j",
  "KVMM_PREROUTING",
];

/** What libvirt 9 puts in FORWARD. */
const LIBVIRT_FORWARD = ["-j LIBVIRT_FWX", "-j LIBVIRT_FWI", "-j LIBVIRT_FWO"];

/** Our rules exactly as iptables-nft 1.8.9 lists them (captured on a real host). */
const LISTED = {
  nat: {
    PREROUTING: ["-j KVMM_PREROUTING"],
    OUTPUT: ["! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j KVMM_PREROUTING"],
    KVMM_PREROUTING: [
      '-p tcp -m addrtype --dst-type LOCAL -m tcp --dport 8080 -m comment --comment "kvmm:1" -j DNAT --to-destination 192.168.122.10:80',
      '-p udp -m addrtype --dst-type LOCAL -m udp --dport 5353 -m comment --comment "kvmm:2" -j DNAT --to-destination 192.168.122.11:53',
    ],
  },
  filter: {
    FORWARD: ["-j KVMM_FORWARD", ...LIBVIRT_FORWARD],
    KVMM_FORWARD: [
      '-d 192.168.122.10/32 -o virbr0 -p tcp -m tcp --dport 80 -m conntrack --ctstate DNAT -m comment --comment "kvmm:1" -j ACCEPT',
      '-d 192.168.122.11/32 -o virbr0 -p udp -m udp --dport 53 -m conntrack --ctstate DNAT -m comment --comment "kvmm:2" -j ACCEPT',
    ],
  },
};

function setup(seed?: ConstructorParameters<typeof FakeIptables>[0]) {
  const fake = new FakeIptables(seed);
  return { fake, firewall: new IptablesFirewall({ binary: "iptables", run: fake.run }) };
}

async function appError(p: Promise<unknown>, status: number, code: string): Promise<AppError> {
  const err = await assertRejects(() => p, AppError);
  assertEquals({ status: err.status, code: err.code }, { status, code }, err.message);
  return err;
}

Deno.test("firewall - apply on a fresh host creates the chains, rules and jumps", async () => {
  const { fake, firewall } = setup({ filter: { FORWARD: LIBVIRT_FORWARD } });
  await firewall.apply([WEB]);
  assertEquals(fake.changes, [
    ["-t", "nat", "-N", "KVMM_PREROUTING"],
    ["-t", "nat", "-A", "KVMM_PREROUTING", ...WEB_DNAT],
    ["-t", "nat", "-I", "PREROUTING", "1", "-j", "KVMM_PREROUTING"],
    ["-t", "nat", "-I", "OUTPUT", "1", ...OUTPUT_JUMP],
    ["-t", "filter", "-N", "KVMM_FORWARD"],
    ["-t", "filter", "-A", "KVMM_FORWARD", ...WEB_ACCEPT],
    ["-t", "filter", "-I", "FORWARD", "1", "-j", "KVMM_FORWARD"],
  ]);
  assertEquals(fake.rules("filter", "FORWARD"), ["-j KVMM_FORWARD", ...LIBVIRT_FORWARD]);
  assertEquals(fake.binaries, Array(9).fill("iptables"));
});

Deno.test("firewall - applying the same rules again changes nothing", async () => {
  const { fake, firewall } = setup({ filter: { FORWARD: LIBVIRT_FORWARD } });
  await firewall.apply([WEB, DNS]);
  fake.changes = [];
  await firewall.apply([DNS, WEB]);
  assertEquals(fake.changes, []);
});

Deno.test("firewall - rules as iptables lists them count as in place", async () => {
  // iptables adds "-m tcp", "/32" and reorders the conntrack states; none of that is a change.
  const { fake, firewall } = setup(LISTED);
  await firewall.apply([WEB, DNS]);
  assertEquals(fake.changes, []);
  assertEquals(await firewall.list(), [WEB, DNS]);
});

Deno.test("firewall - a smaller set deletes only the rules that went", async () => {
  const { fake, firewall } = setup(LISTED);
  await firewall.apply([DNS]);
  assertEquals(fake.changes, [
    ["-t", "nat", "-D", "KVMM_PREROUTING", "1"],
    ["-t", "filter", "-D", "KVMM_FORWARD", "1"],
  ]);
  assertEquals(await firewall.list(), [DNS]);
  fake.changes = [];
  await firewall.apply([]);
  assertEquals(fake.changes, [
    ["-t", "nat", "-D", "KVMM_PREROUTING", "1"],
    ["-t", "filter", "-D", "KVMM_FORWARD", "1"],
  ]);
  assertEquals(fake.rules("nat", "KVMM_PREROUTING"), []);
  assertEquals(fake.rules("filter", "FORWARD"), ["-j KVMM_FORWARD", ...LIBVIRT_FORWARD]);
});

Deno.test("firewall - a changed rule is replaced, stale and foreign lines are removed", async () => {
  const { fake, firewall } = setup({
    nat: {
      ...LISTED.nat,
      KVMM_PREROUTING: [
        LISTED.nat.KVMM_PREROUTING[0],
        LISTED.nat.KVMM_PREROUTING[0], // a duplicate
        "-p tcp -m tcp --dport 22 -j DNAT --to-destination 10.0.0.1:22", // someone else's
        LISTED.nat.KVMM_PREROUTING[1],
      ],
    },
    filter: LISTED.filter,
  });
  const moved = { ...DNS, guestIp: "192.168.122.12" };
  await firewall.apply([WEB, moved]);
  assertEquals(fake.changes, [
    ["-t", "nat", "-D", "KVMM_PREROUTING", "4"],
    ["-t", "nat", "-D", "KVMM_PREROUTING", "3"],
    ["-t", "nat", "-D", "KVMM_PREROUTING", "2"],
    [
      "-t",
      "nat",
      "-A",
      "KVMM_PREROUTING",
      "-p",
      "udp",
      "-m",
      "addrtype",
      "--dst-type",
      "LOCAL",
      "--dport",
      "5353",
      "-m",
      "comment",
      "--comment",
      "kvmm:2",
      "-j",
      "DNAT",
      "--to-destination",
      "192.168.122.12:53",
    ],
    ["-t", "filter", "-D", "KVMM_FORWARD", "2"],
    [
      "-t",
      "filter",
      "-A",
      "KVMM_FORWARD",
      "-o",
      "virbr0",
      "-d",
      "192.168.122.12",
      "-p",
      "udp",
      "--dport",
      "53",
      "-m",
      "conntrack",
      "--ctstate",
      "DNAT",
      "-m",
      "comment",
      "--comment",
      "kvmm:2",
      "-j",
      "ACCEPT",
    ],
  ]);
  assertEquals(await firewall.list(), [WEB, moved]);
});

Deno.test("firewall - FORWARD's jump is moved back in front of libvirt's chains", async () => {
  // As after libvirt re-created its chains: its jumps inserted above ours, ours twice.
  const { fake, firewall } = setup({
    nat: LISTED.nat,
    filter: {
      ...LISTED.filter,
      FORWARD: [...LIBVIRT_FORWARD, "-j KVMM_FORWARD", "-i eth0 -j KVMM_FORWARD"],
    },
  });
  await firewall.apply([WEB, DNS]);
  assertEquals(fake.changes, [
    ["-t", "filter", "-I", "FORWARD", "1", "-j", "KVMM_FORWARD"],
    ["-t", "filter", "-D", "FORWARD", "6"],
    ["-t", "filter", "-D", "FORWARD", "5"],
  ]);
  assertEquals(fake.rules("filter", "FORWARD"), ["-j KVMM_FORWARD", ...LIBVIRT_FORWARD]);
});

Deno.test("firewall - nat jumps are kept where they are, duplicates removed", async () => {
  const { fake, firewall } = setup({
    nat: {
      ...LISTED.nat,
      PREROUTING: ["-j DOCKER", "-j KVMM_PREROUTING", "-j KVMM_PREROUTING"],
      // The OUTPUT jump without its addrtype match catches too much: replaced.
      OUTPUT: ["-j KVMM_PREROUTING"],
    },
    filter: LISTED.filter,
  });
  await firewall.apply([WEB, DNS]);
  assertEquals(fake.changes, [
    ["-t", "nat", "-D", "PREROUTING", "3"],
    ["-t", "nat", "-I", "OUTPUT", "1", ...OUTPUT_JUMP],
    ["-t", "nat", "-D", "OUTPUT", "2"],
  ]);
  assertEquals(fake.rules("nat", "PREROUTING"), ["-j DOCKER", "-j KVMM_PREROUTING"]);
});

Deno.test("firewall - list ignores half rules and rules with extra matches", async () => {
  const { firewall } = setup({
    nat: {
      KVMM_PREROUTING: [
        ...LISTED.nat.KVMM_PREROUTING,
        // id 3 has no FORWARD half; id 4's has a different guest port.
        '-p tcp -m addrtype --dst-type LOCAL -m tcp --dport 3000 -m comment --comment "kvmm:3" -j DNAT --to-destination 192.168.122.13:3000',
        '-p tcp -m addrtype --dst-type LOCAL -m tcp --dport 4000 -m comment --comment "kvmm:4" -j DNAT --to-destination 192.168.122.14:4000',
      ],
    },
    filter: {
      KVMM_FORWARD: [
        LISTED.filter.KVMM_FORWARD[0],
        // An extra -s match: not a rule we wrote.
        '-s 10.0.0.0/8 -d 192.168.122.11/32 -o virbr0 -p udp -m udp --dport 53 -m conntrack --ctstate DNAT -m comment --comment "kvmm:2" -j ACCEPT',
        '-d 192.168.122.14/32 -o virbr0 -p tcp -m tcp --dport 4001 -m conntrack --ctstate DNAT -m comment --comment "kvmm:4" -j ACCEPT',
      ],
    },
  });
  assertEquals(await firewall.list(), [WEB]);
});

Deno.test("firewall - list on a host without our chains is empty and changes nothing", async () => {
  const { fake, firewall } = setup();
  assertEquals(await firewall.list(), []);
  assertEquals(fake.changes, []);
});

Deno.test("firewall - teardown removes jumps and chains and leaves libvirt alone", async () => {
  const { fake, firewall } = setup({
    nat: LISTED.nat,
    filter: { ...LISTED.filter, FORWARD: [...LISTED.filter.FORWARD, "-j KVMM_FORWARD"] },
  });
  await firewall.teardown();
  assertEquals(fake.changes, [
    ["-t", "nat", "-D", "PREROUTING", "1"],
    ["-t", "nat", "-D", "OUTPUT", "1"],
    ["-t", "nat", "-F", "KVMM_PREROUTING"],
    ["-t", "nat", "-X", "KVMM_PREROUTING"],
    ["-t", "filter", "-D", "FORWARD", "5"],
    ["-t", "filter", "-D", "FORWARD", "1"],
    ["-t", "filter", "-F", "KVMM_FORWARD"],
    ["-t", "filter", "-X", "KVMM_FORWARD"],
  ]);
  assertEquals(fake.rules("filter", "FORWARD"), LIBVIRT_FORWARD);
  assertEquals(fake.rules("nat", "KVMM_PREROUTING"), undefined);
  fake.changes = [];
  await firewall.teardown();
  assertEquals(fake.changes, [], "a second teardown has nothing to do");
});

Deno.test("firewall - invalid rules are refused before iptables runs", async () => {
  const { fake, firewall } = setup();
  const bad: [Partial<ForwardRule>, RegExp][] = [
    [{ bridge: "virbr+" }, /bad bridge name "virbr\+"/],
    [{ bridge: "-j ACCEPT" }, /bad bridge name/],
    [{ bridge: "a-very-long-bridge" }, /bad bridge name/],
    [{ guestIp: "192.168.122.010" }, /bad guest address/],
    [{ hostPort: 0 }, /bad host port 0/],
    [{ guestPort: 65536 }, /bad guest port 65536/],
    [{ protocol: "icmp" as "tcp" }, /bad protocol icmp/],
    [{ id: 0 }, /bad id 0/],
  ];
  for (const [change, message] of bad) {
    const err = await appError(firewall.apply([{ ...WEB, ...change }]), 500, "FIREWALL_ERROR");
    assertMatch(err.message, message);
  }
  const twice = await appError(
    firewall.apply([WEB, { ...DNS, protocol: "tcp", hostPort: 8080 }]),
    500,
    "FIREWALL_ERROR",
  );
  assertMatch(twice.message, /host port tcp\/8080 given twice/);
  const sameId = await appError(firewall.apply([WEB, { ...DNS, id: 1 }]), 500, "FIREWALL_ERROR");
  assertMatch(sameId.message, /id 1 given twice/);
  assertEquals(fake.binaries, []);
});

Deno.test("firewall - a missing iptables is 503 FIREWALL_UNAVAILABLE", async () => {
  const tried: string[] = [];
  const firewall = new IptablesFirewall({
    run: (binary) => {
      tried.push(binary);
      throw new Deno.errors.NotFound(`Failed to spawn '${binary}'`);
    },
  });
  const err = await appError(firewall.apply([WEB]), 503, "FIREWALL_UNAVAILABLE");
  assertEquals(err.message, "Port forwarding needs iptables, which is not installed on this host");
  assertEquals(err.details, { reason: "not-installed" });
  assertEquals(tried, ["iptables", "/usr/sbin/iptables", "/sbin/iptables"]);
});

Deno.test("firewall - iptables outside PATH is found in /usr/sbin and kept", async () => {
  const fake = new FakeIptables();
  const firewall = new IptablesFirewall({
    run: (binary, args) => {
      if (binary === "iptables") throw new Deno.errors.NotFound("not in PATH");
      return fake.run(binary, args);
    },
  });
  await firewall.apply([WEB]);
  assertEquals(new Set(fake.binaries), new Set(["/usr/sbin/iptables"]));
});

Deno.test("firewall - no permission is 503 FIREWALL_UNAVAILABLE telling to run as root", async () => {
  const stderrs = [
    "iptables v1.8.9 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)\n",
    "iptables v1.8.7 (legacy): can't initialize iptables table `nat': Permission denied (you must be root)\n",
  ];
  for (const stderr of stderrs) {
    const firewall = new IptablesFirewall({
      run: () => Promise.resolve({ code: 4, stdout: "", stderr }),
    });
    const err = await appError(firewall.apply([WEB]), 503, "FIREWALL_UNAVAILABLE");
    assertMatch(
      err.message,
      /^Port forwarding needs permission to change the firewall: run KVM Manager as root/,
    );
    assertEquals(err.details, { reason: "permission" });
  }
  const spawnDenied = new IptablesFirewall({
    run: () => {
      throw new Deno.errors.PermissionDenied("Permission denied (os error 13)");
    },
  });
  await appError(spawnDenied.list(), 503, "FIREWALL_UNAVAILABLE");
});

Deno.test("firewall - other failures are 500 FIREWALL_ERROR with iptables' words", async () => {
  const fake = new FakeIptables();
  const firewall = new IptablesFirewall({
    run: (binary, args) =>
      args.includes("-A")
        ? Promise.resolve({
          code: 2,
          stdout: "",
          stderr: "iptables v1.8.9 (nf_tables): Couldn't load match `addrtype':No such file\n",
        })
        : fake.run(binary, args),
  });
  const err = await appError(firewall.apply([WEB]), 500, "FIREWALL_ERROR");
  assertMatch(
    err.message,
    /^iptables -t nat -A KVMM_PREROUTING -p tcp .* failed \(exit status 2\)/,
  );
  assertMatch(err.message, /Couldn't load match `addrtype':No such file$/);
});

Deno.test("firewall - concurrent applies run one after the other", async () => {
  const fake = new FakeIptables();
  let running = 0;
  let overlapped = false;
  const firewall = new IptablesFirewall({
    run: async (binary, args) => {
      if (++running > 1) overlapped = true;
      await new Promise((resolve) => setTimeout(resolve, 1));
      running--;
      return fake.run(binary, args);
    },
  });
  await Promise.all([firewall.apply([WEB]), firewall.apply([DNS]), firewall.apply([WEB, DNS])]);
  assert(!overlapped, "two iptables commands ran at once");
  assertEquals(await firewall.list(), [WEB, DNS]);
  assertEquals(fake.rules("nat", "PREROUTING"), ["-j KVMM_PREROUTING"]);
});
