// The sign-in form: a host account's name and password, checked by PAM on the server.

import { useSignal } from "@preact/signals";
import { ApiRequestError, request } from "./client/api.ts";
import { loginPath } from "../shared/api_paths.ts";

interface Props {
  /** Where to go once signed in: the page that asked for a session, else the dashboard. */
  next: string;
  [key: string]: unknown;
}

export default function LoginForm({ next }: Props) {
  const user = useSignal("");
  const password = useSignal("");
  const error = useSignal("");
  const busy = useSignal(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    busy.value = true;
    error.value = "";
    try {
      await request("POST", loginPath(), { user: user.value, password: password.value });
      // Only our own paths: a "next" from elsewhere must not turn sign-in into a redirector.
      location.replace(next.startsWith("/") && !next.startsWith("//") ? next : "/");
    } catch (err) {
      error.value = err instanceof ApiRequestError ? err.message : String(err);
      password.value = "";
      busy.value = false;
    }
  };

  return (
    <form class="login-form" onSubmit={submit}>
      <label for="login-user">User name</label>
      <input
        id="login-user"
        name="username"
        autocomplete="username"
        required
        value={user.value}
        onInput={(e) => user.value = e.currentTarget.value}
      />
      <label for="login-password">Password</label>
      <input
        id="login-password"
        name="password"
        type="password"
        autocomplete="current-password"
        required
        value={password.value}
        onInput={(e) => password.value = e.currentTarget.value}
      />
      <button
        class="button button-primary"
        type="submit"
        disabled={busy.value}
        aria-busy={busy.value}
      >
        {busy.value ? "Signing in…" : "Sign in"}
      </button>
      {error.value && <p class="login-error" role="alert">{error.value}</p>}
    </form>
  );
}
