// Browser entry of /vms (bundled to static/build/list.js).

import { hydrateIslands } from "../client/hydrate.ts";
import ImportXml from "../ImportXml.tsx";
import VmList from "../VmList.tsx";

hydrateIslands({ VmList, ImportXml });
