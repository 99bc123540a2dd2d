// Browser entry of the sign-in page (bundled to static/build/login.js).

import { hydrateIslands } from "../client/hydrate.ts";
import LoginForm from "../LoginForm.tsx";

hydrateIslands({ LoginForm });
