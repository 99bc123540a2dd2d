import { assert, assertEquals } from "../tests/support/assert.ts";
import { ErrorCode, LibvirtError } from "../ffi/libvirt/error.ts";
import { AppError, fromLibvirt, mayBeStateRace, withoutUnsupportedFlag } from "./errors.ts";
import { ERROR_STATUS, type ErrorCode as ApiErrorCode } from "../shared/errors.ts";
import { AgentCallError } from "./guest/agent_client.ts";
import { fromAgent } from "./guest/errors.ts";

const VIR_FROM_QEMU = 10;
const VIR_FROM_RPC = 7;
const lv = (code: number, message: string, domain = VIR_FROM_QEMU) =>
  new LibvirtError(code, domain, message);
const mapped = (err: LibvirtError) => fromLibvirt(err, { id: "vm1", failed: "Failed" }) as AppError;

Deno.test("errors - libvirt failures map to HTTP by code, never by message", () => {
  const invalid = mapped(lv(ErrorCode.OPERATION_INVALID, "some words"));
  assertEquals([invalid.status, invalid.code], [409, "INVALID_STATE"]);
  // The same words under another code keep that code's status.
  const internal = mapped(lv(ErrorCode.INTERNAL_ERROR, "Domain 'db' is already running"));
  assertEquals([internal.status, internal.code], [500, "LIBVIRT_ERROR"]);
  const noDomain = mapped(lv(ErrorCode.NO_DOMAIN, "already running"));
  assertEquals([noDomain.status, noDomain.code], [404, "VM_NOT_FOUND"]);
  const lost = mapped(lv(ErrorCode.INTERNAL_ERROR, "x", VIR_FROM_RPC));
  assertEquals(lost.status, 503);
  assertEquals(
    mapped(lv(ErrorCode.DEADLINE_EXCEEDED, "domainAction took too long")).status,
    504,
  );
});

Deno.test("errors - our words and libvirt's are said once when libvirt's begin with ours", () => {
  const pool = fromLibvirt(
    lv(ErrorCode.NO_STORAGE_POOL, "Storage pool not found: no storage pool with matching name 'x'"),
    { failed: "Storage pool not found" },
  ) as AppError;
  assertEquals(
    [pool.code, pool.message],
    ["POOL_NOT_FOUND", "Storage pool not found: no storage pool with matching name 'x'"],
  );
  const other = fromLibvirt(lv(ErrorCode.NO_STORAGE_POOL, "no such pool"), { failed: "Failed" });
  assertEquals(other.message, "Failed: no such pool");
});

Deno.test("errors - a state race is told by libvirt's code and kept as the answer's cause", () => {
  for (
    const code of [
      ErrorCode.INTERNAL_ERROR,
      ErrorCode.OPERATION_FAILED,
      ErrorCode.OPERATION_INVALID,
    ]
  ) {
    const err = lv(code, "anything");
    assert(mayBeStateRace(err), `code ${code}`);
    const app = mapped(err);
    assertEquals(app.cause, err);
    assert(mayBeStateRace(app), `mapped code ${code}`);
  }
  // Words alone prove nothing; a lost connection or a deadline is never a state race.
  assert(!mayBeStateRace(lv(ErrorCode.NO_SUPPORT, "domain is already running")));
  assert(!mayBeStateRace(lv(ErrorCode.INTERNAL_ERROR, "x", VIR_FROM_RPC)));
  assert(!mayBeStateRace(lv(ErrorCode.DEADLINE_EXCEEDED, "x")));
  assert(!mayBeStateRace(new AppError("INVALID_STATE", "VM is already running")));
  assert(!mayBeStateRace(new Error("domain is already running")));
});

Deno.test("errors - a code always answers with its catalogue status", () => {
  for (const [code, status] of Object.entries(ERROR_STATUS)) {
    assertEquals(new AppError(code as ApiErrorCode, "x").status, status);
    assert(status >= 400 && status <= 599, `${code}: ${status}`);
  }
  assertEquals(new AppError("VM_NOT_FOUND", "VM not found: x").status, 404);
});

Deno.test("errors - every answer fromLibvirt makes keeps the LibvirtError as its cause", () => {
  const codes = [...Object.values(ErrorCode), 1234];
  for (const code of codes) {
    for (const domain of [VIR_FROM_QEMU, VIR_FROM_RPC]) {
      const err = lv(code, "libvirt's words", domain);
      for (const id of ["vm1", undefined]) {
        const app = fromLibvirt(err, { id, failed: "Failed" });
        assert(app instanceof AppError, `code ${code}`);
        assertEquals(app.cause, err, `code ${code}, domain ${domain}, id ${id}`);
      }
    }
  }
  // Anything else passes as it is; an AppError made from nothing has no cause at all.
  const other = new Error("x");
  assertEquals(fromLibvirt(other, { failed: "Failed" }), other);
  assert(!("cause" in new AppError("INVALID_STATE", "VM is running")));
});

Deno.test("errors - a failed agent call is kept as the answer's cause", () => {
  const calls = [
    new AgentCallError("timeout", "no answer within 3 s"),
    new AgentCallError("closed", "the channel closed"),
    new AgentCallError("rpc", "boom", { code: -32000, message: "boom" }),
  ];
  for (const err of calls) assertEquals(fromAgent(err).cause, err, err.kind);
});

/** A libvirt call failing with what `refuse` gives for its flags; records each try's flags. */
function fakeCall(refuse: (flags: number) => Error | null) {
  const tries: number[] = [];
  const call = (flags: number) => {
    tries.push(flags);
    const err = refuse(flags);
    return err ? Promise.reject(err) : Promise.resolve(`ok ${flags}`);
  };
  return { tries, call };
}

Deno.test("errors - withoutUnsupportedFlag tries again without the flag libvirt does not take", async () => {
  for (
    const code of [ErrorCode.INVALID_ARG, ErrorCode.NO_SUPPORT, ErrorCode.ARGUMENT_UNSUPPORTED]
  ) {
    const err = lv(code, "unsupported flags (0x4) in function x");
    const { tries, call } = fakeCall((flags) => flags & 0b100 ? err : null);
    assertEquals(await withoutUnsupportedFlag(call, 0b111, 0b100), "ok 3");
    assertEquals(tries, [0b111, 0b011], `code ${code}`);
  }
  // Taken at once: one call.
  const first = fakeCall(() => null);
  assertEquals(await withoutUnsupportedFlag(first.call, 0b11, 0b10), "ok 3");
  assertEquals(first.tries, [0b11]);
});

Deno.test("errors - withoutUnsupportedFlag decides by libvirt's code, never its words", async () => {
  const outcome = async (
    { call, tries }: ReturnType<typeof fakeCall>,
    flags = 0b11,
    drop = 0b10,
  ) => ({
    thrown: await withoutUnsupportedFlag(call, flags, drop).then(() => null, (e) => e),
    tries,
  });
  // Other codes, other errors, or nothing to drop: the first failure, no second try.
  for (
    const err of [
      lv(ErrorCode.OPERATION_INVALID, "unsupported flags (0x2) in function x"),
      lv(ErrorCode.INTERNAL_ERROR, "x", VIR_FROM_RPC),
      new Error("unsupported flags"),
    ]
  ) {
    assertEquals(await outcome(fakeCall(() => err)), { thrown: err, tries: [0b11] });
  }
  const refused = lv(ErrorCode.INVALID_ARG, "bad argument");
  assertEquals(await outcome(fakeCall(() => refused), 0b01, 0b10), {
    thrown: refused,
    tries: [0b01],
  });
  // The second call fails too: its error is the one thrown.
  const later = lv(ErrorCode.OPERATION_FAILED, "the second call's failure");
  const twice = fakeCall((flags) => flags & 0b10 ? refused : later);
  assertEquals(await outcome(twice), { thrown: later, tries: [0b11, 0b01] });
});
