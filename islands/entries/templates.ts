// Browser entry of /templates (bundled to static/build/templates.js).

import { hydrateIslands } from "../client/hydrate.ts";
import TemplateList from "../TemplateList.tsx";

hydrateIslands({ TemplateList });
