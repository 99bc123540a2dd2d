// Browser entry of /networks and /networks/:net (bundled to static/build/networks.js).

import { hydrateIslands } from "../client/hydrate.ts";
import NetworkDetails from "../NetworkDetails.tsx";
import NetworkList from "../NetworkList.tsx";

hydrateIslands({ NetworkList, NetworkDetails });
