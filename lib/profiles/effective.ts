// A VM's effective policy: its local overrides, then its profile's settings that no override
// replaces (same key). Pure, so the service, the alert check and the tests share one rule.

import { policyOf, settingsOf, withoutKey } from "./input.ts";
import type { OverrideRow } from "./repo.ts";
import type {
  EffectiveSetting,
  KeyedSetting,
  ProfilePolicy,
  VmPolicy,
} from "../../shared/profiles.ts";

export function effectiveSettings(
  profile: ProfilePolicy | null,
  overrides: OverrideRow[],
): Pick<VmPolicy, "profileSettings" | "localSettings" | "settings" | "effective"> {
  const local = new Map(overrides.map((o) => [o.setting.key, o]));
  const fromProfile = profile ? settingsOf(profile) : [];
  const profileKeys = new Set(fromProfile.map((s) => s.key));
  const profileSettings = fromProfile.map((s) => ({
    ...s,
    source: "profile" as const,
    overridden: local.has(s.key),
  }));
  const localSettings = overrides.map((o) => ({
    ...o.setting,
    source: "local" as const,
    addedAt: o.addedAt,
  }));
  const settings: EffectiveSetting[] = [
    ...overrides.map((o) => ({
      ...o.setting,
      source: "local" as const,
      overridesProfile: profileKeys.has(o.setting.key),
    })),
    ...fromProfile.filter((s) => !local.has(s.key)).map((s) => ({
      ...s,
      source: "profile" as const,
      overridesProfile: false,
    })),
  ].sort((a, b) => a.key.localeCompare(b.key));
  return {
    profileSettings,
    localSettings,
    settings,
    effective: policyOf(settings.map((s) => withoutKey(s as KeyedSetting))),
  };
}
