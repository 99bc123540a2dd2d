// The English dictionary: one file per area of the UI, so that each stays small and
// is owned by the code it translates. A key in two areas must mean the same (i18n tests check).

import type { Dictionary } from "../dictionary.ts";
import kit from "./kit.ts";
import shell from "./shell.ts";
import vm from "./vm.ts";
import create from "./create.ts";
import admin from "./admin.ts";
import operations from "./operations.ts";
import monitoring from "./monitoring.ts";
import storage from "./storage.ts";
import api_vms from "./api_vms.ts";
import api_storage from "./api_storage.ts";
import api_ops from "./api_ops.ts";
import api_admin from "./api_admin.ts";
import host_check from "./host_check.ts";
import vm_delete from "./vm_delete.ts";
import twofa from "./twofa.ts";
import maintenance from "./maintenance.ts";
import cluster from "./cluster.ts";

export const AREAS: Record<string, Dictionary> = {
  kit,
  shell,
  vm,
  create,
  admin,
  operations,
  monitoring,
  storage,
  api_vms,
  api_storage,
  api_ops,
  api_admin,
  host_check,
  vm_delete,
  twofa,
  maintenance,
  cluster,
};

const dictionary: Dictionary = Object.assign({}, ...Object.values(AREAS));
export default dictionary;
