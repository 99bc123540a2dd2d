// The sign-in form: a host account's name and password, checked by PAM on the server, or a
// directory realm's (sent as `realm`), or a button to an OpenID Connect realm's provider (the
// choice remembered in this browser), then the second step when the account has a second factor
// (or its role requires one). A provider's way back opens the form at that step, or with its
// refusal where a password's shows.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { request } from "../components/client/api.ts";
import { loginPath } from "../shared/api_paths.ts";
import { Button } from "../components/kit/Button.tsx";
import { useHydrated } from "../components/kit/use_hydrated.ts";
import { InlineField, SelectField } from "../components/kit/controls.tsx";
import { bindSignal } from "../components/kit/bind_signal.ts";
import { t } from "../shared/i18n/t.ts";
import type { SecondStep } from "../shared/twofa.ts";
import type { RealmChoice } from "../shared/realms.ts";
import { VerifyStep } from "./login/VerifyStep.tsx";
import { EnrolStep } from "./login/EnrolStep.tsx";
import { StepError, useSignInStep } from "./login/sign_in_step.tsx";

/** A realm offered: a directory's takes a password, a provider's is a way to `start`. */
export interface LoginRealm extends RealmChoice {
  /** Where an OpenID Connect realm's sign-in begins (it goes on to the provider). */
  start?: string;
}

interface Props {
  /** Where to go once signed in: the page that asked for a session, else the dashboard. */
  next: string;
  /** Realms beside the host's accounts; none: only the host's accounts, no choice shown. */
  realms?: LoginRealm[];
  /** A provider's sign-in was refused: why, in words. */
  failed?: string;
  /** A provider's sign-in needs the second step now (its cookie is set). */
  step?: SecondStep;
  [key: string]: unknown;
}

/** Where this browser keeps the last realm signed in through ("": the host's accounts). */
const REALM_KEY = "kvmm.login.realm";

export default function LoginForm({ next, realms = [], failed, step: opened }: Props) {
  const user = useSignal("");
  const password = useSignal("");
  const realm = useSignal("");
  const { busy, error, run } = useSignInStep(password);
  // The provider's refusal, until the next attempt.
  const refused = useSignal(failed ?? "");
  // Until the script runs, the fields and the button are disabled: a form sent by the browser
  // itself would put the password in the address (a GET), and text typed before hydration
  // would not reach the signals that the request sends.
  const hydrated = useHydrated();
  const step = useSignal<SecondStep | null>(opened ?? null);
  // Only our own paths: a "next" from elsewhere must not turn sign-in into a redirector.
  const done = () => location.replace(next.startsWith("/") && !next.startsWith("//") ? next : "/");
  // After hydration: the server's page offers the host's accounts first.
  useEffect(() => {
    const last = rememberedRealm();
    if (realms.some((r) => r.name === last)) realm.value = last!;
    // The refusal's id is good once, the step's cookie does the rest: a reload starts afresh.
    if (failed || opened) history.replaceState(null, "", location.pathname);
    // Back from the provider's page, this page may come from the browser's cache as it was left.
    const shown = (e: PageTransitionEvent) => e.persisted && (busy.value = false);
    addEventListener("pageshow", shown);
    return () => removeEventListener("pageshow", shown);
  }, []);
  const provider = realms.find((r) => r.name === realm.value && r.start);

  const submit = (e: Event) => {
    e.preventDefault();
    refused.value = "";
    if (provider) {
      // The provider's pages, then its way back: to the app, the second step, or here.
      rememberRealm(provider.name);
      busy.value = true;
      location.assign(provider.start!);
      return;
    }
    return run(async () => {
      const answer = await request<Partial<SecondStep>>("POST", loginPath(), {
        user: user.value,
        password: password.value,
        ...(realm.value ? { realm: realm.value } : {}),
      });
      rememberRealm(realm.value);
      if (answer.secondFactor) {
        step.value = answer as SecondStep;
        password.value = "";
        return;
      }
      done();
    });
  };

  // The names and autocomplete words are what password managers look for.
  const credentials = [
    {
      id: "login-user",
      label: t("User name"),
      name: "username",
      autocomplete: "username",
      signal: user,
    },
    {
      id: "login-password",
      label: t("Password"),
      name: "password",
      type: "password",
      autocomplete: "current-password",
      signal: password,
    },
  ] as const;

  if (step.value?.secondFactor === "verify") return <VerifyStep step={step.value} onDone={done} />;
  if (step.value?.secondFactor === "enrol") return <EnrolStep onDone={done} />;

  return (
    <form class="login-form" method="post" onSubmit={submit}>
      {realms.length > 0 && (
        <SelectField
          id="login-realm"
          label={t("Sign in with")}
          options={[
            ["", t("This host's accounts")],
            ...realms.map((r) => [r.name, r.label] as const),
          ]}
          disabled={!hydrated.value}
          {...bindSignal(realm)}
        />
      )}
      {!provider && credentials.map(({ signal, ...field }) => (
        <InlineField
          key={field.id}
          {...field}
          required
          disabled={!hydrated.value}
          {...bindSignal(signal)}
        />
      ))}
      <Button
        type="submit"
        kind="primary"
        disabled={!hydrated.value || busy.value}
        busy={busy.value}
      >
        {provider
          ? t("Continue with {{label}}", { label: provider.label })
          : busy.value
          ? t("Signing in…")
          : t("Sign in")}
      </Button>
      <StepError message={error.value || refused.value} />
    </form>
  );
}

/** The realm last signed in through here; null where storage is refused (private windows). */
function rememberedRealm(): string | null {
  try {
    return localStorage.getItem(REALM_KEY);
  } catch {
    return null;
  }
}

function rememberRealm(name: string) {
  try {
    localStorage.setItem(REALM_KEY, name);
  } catch {
    // Not kept: the next visit starts from the host's accounts.
  }
}
