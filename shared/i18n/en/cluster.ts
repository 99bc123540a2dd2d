// English singulars: the cluster's API words (lib/cluster/input.ts).

export default {
  "Unknown fields {{fields}}; making a VM highly available takes vm, preferredNode, priority, allowMigrate, startTimeoutS and stopTimeoutS_one":
    "Unknown field {{fields}}; making a VM highly available takes vm, preferredNode, priority, allowMigrate, startTimeoutS and stopTimeoutS",
  "Unknown fields {{fields}}; shared pools take pools_one":
    "Unknown field {{fields}}; shared pools take pools",
};
