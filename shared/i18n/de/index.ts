// The German dictionary: one file per area of the UI, so that each stays small and
// is owned by the code it translates. A key in two areas must mean the same (i18n tests check).

import type { Dictionary } from "../dictionary.ts";
import kit from "./kit.ts";
import shell from "./shell.ts";
import vm from "./vm.ts";
import vm_state from "./vm_state.ts";
import create from "./create.ts";
import admin from "./admin.ts";
import operations from "./operations.ts";
import monitoring from "./monitoring.ts";
import storage from "./storage.ts";
import networks from "./networks.ts";
import firewall from "./firewall.ts";
import topology from "./topology.ts";
import host_network from "./host_network.ts";
import images from "./images.ts";
import ova from "./ova.ts";
import api_vms from "./api_vms.ts";
import api_storage from "./api_storage.ts";
import api_ops from "./api_ops.ts";
import api_admin from "./api_admin.ts";
import host_check from "./host_check.ts";
import vm_delete from "./vm_delete.ts";
import maintenance from "./maintenance.ts";
import dashboard from "./dashboard.ts";
import twofa from "./twofa.ts";
import realms from "./realms.ts";
import acme from "./acme.ts";
import protection from "./protection.ts";
import startup from "./startup.ts";
import notify from "./notify.ts";
import disk_move from "./disk_move.ts";
import shared_folders from "./shared_folders.ts";
import restic from "./restic.ts";
import restic_ui from "./restic_ui.ts";
import cluster from "./cluster.ts";

export const AREAS: Record<string, Dictionary> = {
  kit,
  shell,
  vm,
  vm_state,
  create,
  admin,
  operations,
  monitoring,
  storage,
  networks,
  firewall,
  topology,
  host_network,
  images,
  ova,
  api_vms,
  api_storage,
  api_ops,
  api_admin,
  host_check,
  vm_delete,
  maintenance,
  dashboard,
  twofa,
  realms,
  acme,
  protection,
  startup,
  notify,
  disk_move,
  shared_folders,
  restic,
  restic_ui,
  cluster,
};

const dictionary: Dictionary = Object.assign({}, ...Object.values(AREAS));
export default dictionary;
