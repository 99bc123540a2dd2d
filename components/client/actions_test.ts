import { assertEquals } from "../../tests/support/assert.ts";
import { powerMessage } from "./actions.ts";

Deno.test("actions - shutdown and reboot say how they reached the guest", () => {
  assertEquals(
    powerMessage("stop", { ok: true, method: "kvmm-agent" }),
    "Shutdown requested through the KVM Manager agent",
  );
  assertEquals(
    powerMessage("stop", { ok: true, method: "qemu-agent" }),
    "Shutdown requested through the QEMU guest agent",
  );
  assertEquals(
    powerMessage("reboot", { ok: true, method: "acpi" }),
    "Reboot requested through the ACPI power button",
  );
});

Deno.test("actions - no power message for other actions or unknown methods", () => {
  assertEquals(powerMessage("start", { ok: true, method: "acpi" }), null);
  assertEquals(powerMessage("stop", { ok: true }), null);
  assertEquals(powerMessage("stop", { ok: true, method: "toString" }), null);
  assertEquals(powerMessage("reboot", undefined), null);
});
