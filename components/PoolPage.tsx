// Body of `/storage/:pool`: the pool's facts, volumes and upload form (one island).

import type { PoolInfo, VolumeInfo } from "../shared/storage.ts";
import VolumeList from "../islands/VolumeList.tsx";
import { Island } from "./Island.tsx";

export function PoolPage(
  { name, pool, volumes, error }: {
    name: string;
    pool: PoolInfo | null;
    volumes: VolumeInfo[] | null;
    error: string | null;
  },
) {
  return (
    <>
      <p class="breadcrumb">
        <a href="/storage">Storage</a> / {name}
      </p>
      <Island name="VolumeList" component={VolumeList} props={{ name, pool, volumes, error }} />
    </>
  );
}
