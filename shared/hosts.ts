// The libvirt hosts KVM Manager manages: the one it was started with ("local") and the remote
// ones added by URI. Shared by lib/, routes/ and islands/.

/** The host the server was started with (`--connect`); it cannot be removed. */
export const LOCAL_HOST = "local";
/** Not a host: the merged view of every host (`GET /api/vms?host=all`). */
export const ALL_HOSTS = "all";

/** One row of `GET /api/hosts`. */
export interface HostStatus {
  /** What `?host=` takes: "local", or a slug of the name. */
  id: string;
  name: string;
  /** The libvirt URI as added (no secrets: URIs with a password are refused). */
  uri: string;
  local: boolean;
  connected: boolean;
  /** Why it is not connected; null when connected. */
  error: string | null;
  /** Set while the host is in maintenance (it takes no new VMs). */
  maintenance?: true;
}

/** `POST /api/hosts`. */
export interface HostInput {
  name: string;
  uri: string;
}

/** One VM of the merged view: the VM list's row plus where it runs. */
export interface HostVm {
  host: string;
  hostName: string;
}

/** `GET /api/vms?host=all`: every answering host's VMs, and how each host answered. */
export interface AllHostsVms<V> {
  vms: (V & HostVm)[];
  hosts: (HostStatus & { vmCount: number | null })[];
}
