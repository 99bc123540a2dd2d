// English singulars: the cluster's API words (lib/cluster/input.ts).

export default {
  "Unknown fields {{fields}}; making a VM highly available takes vm, preferredNode, priority, allowMigrate, startTimeoutS and stopTimeoutS_one":
    "Unknown field {{fields}}; making a VM highly available takes vm, preferredNode, priority, allowMigrate, startTimeoutS and stopTimeoutS",
  "Unknown fields {{fields}}; shared pools take pools_one":
    "Unknown field {{fields}}; shared pools take pools",
  "Unknown fields {{fields}}; a fencing device takes id, agent, hosts and params_one":
    "Unknown field {{fields}}; a fencing device takes id, agent, hosts and params",
  "Unknown fields {{fields}}; cluster options are fencingEnabled and maintenanceMode_one":
    "Unknown field {{fields}}; cluster options are fencingEnabled and maintenanceMode",
};
