// Account settings outlive the process: written to the store, read back by a new reader.

import { assertEquals } from "../../tests/support/assert.ts";
import { Store } from "../store.ts";
import { UserSettingsStore } from "./user_settings.ts";

Deno.test("user settings - kept in the store; unknown accounts get the defaults", () => {
  const store = Store.open(":memory:");
  try {
    const settings = new UserSettingsStore(store);
    assertEquals(settings.get("alice"), { language: "auto" });
    settings.set("alice", { language: "de" });
    assertEquals(new UserSettingsStore(store).get("alice"), { language: "de" });
    assertEquals(new UserSettingsStore(store).get("bob"), { language: "auto" });
  } finally {
    store.close();
  }
});
