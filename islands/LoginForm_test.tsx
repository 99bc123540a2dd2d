import { renderToString } from "preact-render-to-string";
import { assertEquals, assertMatch } from "../tests/support/assert.ts";
import LoginForm from "./LoginForm.tsx";

Deno.test("login form - the server's HTML is inert until hydration and never sends a GET", () => {
  const html = renderToString(<LoginForm next="/" />);
  // A browser that sent the form itself (before the script ran) would put the password in the
  // address bar, the history and access logs: the form posts, and nothing in it is usable yet.
  assertMatch(html, /<form class="login-form" method="post">/);
  assertEquals(html.match(/<input[^>]*\sdisabled/g)?.length, 2, html);
  assertMatch(
    html,
    /<button[^>]*type="submit"[^>]*\sdisabled|<button[^>]*\sdisabled[^>]*type="submit"/,
  );
});
