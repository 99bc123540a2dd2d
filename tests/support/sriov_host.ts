// A stand-in host for SR-IOV networks: no machine these tests run on has an SR-IOV card, so the
// host's interfaces (lib/networks/host_net.ts) are given: "enp65s0f0" is a physical function
// with 7 virtual functions, "eno1" a card without SR-IOV.

import type { HostNet } from "../../lib/networks/host_net.ts";

export const SRIOV_HOST: HostNet = {
  bridgeKind: () => Promise.resolve(null),
  hasInterface: (name) => Promise.resolve(name === "enp65s0f0" || name === "eno1"),
  sriovTotalVfs: (name) => Promise.resolve(name === "enp65s0f0" ? 7 : 0),
};
