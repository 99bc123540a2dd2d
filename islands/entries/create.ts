// Browser entry of /vms/new (bundled to static/build/create.js): the create-VM wizard.

import CreateVmWizard from "../CreateVmWizard.tsx";
import { hydrateIslands } from "../client/hydrate.ts";

hydrateIslands({ CreateVmWizard });
