// Browser entry of /storage and /storage/:pool (bundled to static/build/storage.js).

import { hydrateIslands } from "../client/hydrate.ts";
import PoolList from "../PoolList.tsx";
import VolumeList from "../VolumeList.tsx";

hydrateIslands({ PoolList, VolumeList });
