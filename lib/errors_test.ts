import { assert, assertEquals } from "../tests/support/assert.ts";
import { ErrorCode, LibvirtError } from "../ffi/libvirt/error.ts";
import { AppError, fromLibvirt, mayBeStateRace } from "./errors.ts";
import { ERROR_STATUS, type ErrorCode as ApiErrorCode } from "../shared/errors.ts";

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
