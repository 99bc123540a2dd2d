#!/usr/bin/env bash
# Proves the HA test bed (scripts/ha-bed.sh) does what issue 48's tests need, with real runs,
# and prints the timings: three nodes online with quorum; a tiny TCG guest started by
# ocf:heartbeat:VirtualDomain from the shared folder; its node unplugged from the bed's switch,
# fenced through its BMC (fence_ipmilan), the guest running on another node with its disk intact; the node powered on again;
# standby live-migrating the guest (no reboot); a stop through Pacemaker (ACPI, for good).
#
#   scripts/ha-bed-check.sh [--keep]    --keep leaves the bed up afterwards (also on failure)
#
# One TCG guest at a time (192 MiB, 1 vCPU). Exits non-zero on the first failed step.
set -euo pipefail

BED="$(dirname "$(readlink -f "$0")")/ha-bed.sh"
BASE=${KVMM_HA_BASE:-/tmp/kvmm-ha-bed}
S=$BASE/shared
IN=/var/lib/libvirt/images/shared # the shared folder as the nodes see it
VM=kvmm-ha-vm
FLOAT=10.77.0.100
SERIAL=$S/$VM.serial
KEEP=${1:-}

log() { echo "[ha-bed-check] $*" >&2; }
fail() {
  log "FAILED: $*"
  exit 1
}
X() { bash "$BED" exec any "$@"; }
now() { date +%s.%N; }
since() { printf '%.1f' "$(echo "$(now) - $1" | bc)"; }

# No `CMD | grep -q` here: under pipefail, grep -q ending early makes CMD die of SIGPIPE and
# the test fail at random. Outputs are captured first.
mon() { X crm_mon --output-as=xml 2>/dev/null | tr -d '\n'; }

# The one node running the VM ("" when none, or while it migrates), from crm_mon's XML.
vm_node() {
  local xml
  xml=$(mon)
  local re="<resource id=\"$VM\"[^>]* role=\"Started\"[^>]* nodes_running_on=\"1\">"
  grep -o "${re}[^<]*<node name=\"[^\"]*\"" <<<"$xml" |
    sed 's/.*<node name="//; s/"$//' || true
}

FOUND=
on_other_node() { # the VM runs, on a node other than $1: that node in FOUND
  FOUND=$(vm_node)
  [ -n "$FOUND" ] && [ "$FOUND" != "$1" ]
}
vm_stopped() { grep -q "<resource id=\"$VM\"[^>]* role=\"Stopped\"" <<<"$(mon)"; }
readies() { [ "$(ready_count)" -ge "$1" ]; } # the guest printed READY at least $1 times
node_online() { grep -q "name=\"$1\"[^>]*online=\"true\"" <<<"$(mon)"; }

wait_for() { # wait_for SECONDS WHAT CMD...: until CMD succeeds (CMD is run anew each time)
  local t=$1 what=$2 t0=$SECONDS
  shift 2
  until "$@"; do
    [ $((SECONDS - t0)) -lt "$t" ] || fail "$what not within $t s"
    sleep 0.5
  done
}

ready_count() { grep -c KVMM-HA-READY "$SERIAL" 2>/dev/null || true; }

make_guest() { bash "$(dirname "$(readlink -f "$0")")/ha-bed-guest.sh" "$VM"; }

add_resource() {
  X cibadmin --create -o resources --xml-text "<primitive id=\"$VM\" class=\"ocf\"
    provider=\"heartbeat\" type=\"VirtualDomain\"><instance_attributes id=\"$VM-ia\">
    <nvpair id=\"$VM-config\" name=\"config\" value=\"$IN/$VM.xml\"/>
    <nvpair id=\"$VM-hv\" name=\"hypervisor\" value=\"qemu:///system\"/>
    <nvpair id=\"$VM-mt\" name=\"migration_transport\" value=\"tcp\"/>
    <nvpair id=\"$VM-mo\" name=\"migrate_options\" value=\"--unsafe\"/>
    </instance_attributes><meta_attributes id=\"$VM-meta\">
    <nvpair id=\"$VM-am\" name=\"allow-migrate\" value=\"true\"/></meta_attributes>
    <operations><op id=\"$VM-start\" name=\"start\" interval=\"0\" timeout=\"90s\"/>
    <op id=\"$VM-stop\" name=\"stop\" interval=\"0\" timeout=\"90s\"/>
    <op id=\"$VM-monitor\" name=\"monitor\" interval=\"10s\" timeout=\"30s\"/>
    <op id=\"$VM-migrate-to\" name=\"migrate_to\" interval=\"0\" timeout=\"120s\"/>
    <op id=\"$VM-migrate-from\" name=\"migrate_from\" interval=\"0\" timeout=\"120s\"/>
    </operations></primitive>"
}

add_ip() { # a floating address that follows the VM (as KVM Manager's own resource would)
  X cibadmin --create -o resources --xml-text "<primitive id=\"kvmm-ha-ip\" class=\"ocf\"
    provider=\"heartbeat\" type=\"IPaddr2\"><instance_attributes id=\"kvmm-ha-ip-ia\">
    <nvpair id=\"kvmm-ha-ip-ip\" name=\"ip\" value=\"$FLOAT\"/>
    <nvpair id=\"kvmm-ha-ip-mask\" name=\"cidr_netmask\" value=\"24\"/></instance_attributes>
    <operations><op id=\"kvmm-ha-ip-monitor\" name=\"monitor\" interval=\"10s\"/></operations>
    </primitive>"
  X cibadmin --create -o constraints --xml-text "<rsc_colocation id=\"kvmm-ha-ip-with-vm\"
    rsc=\"kvmm-ha-ip\" with-rsc=\"$VM\" score=\"INFINITY\"/>"
}
# The address answers TCP (a refusal counts): no ping needed, which minimal hosts lack.
answers() {
  local out
  out=$(timeout 2 bash -c "exec 3<>/dev/tcp/$1/9" 2>&1) && return 0
  grep -q "Connection refused" <<<"$out"
}

# A failed check leaves nothing behind either (unless --keep, to look at $BASE and the nodes).
cleanup() {
  local rc=$?
  if [ "$rc" -ne 0 ] && [ "$KEEP" != --keep ]; then bash "$BED" down; fi
}
trap cleanup EXIT
trap 'log "FAILED: line $LINENO: $BASH_COMMAND"' ERR

t0=$(now)
bash "$BED" up
log "bed up in $(since "$t0") s"
xml=$(X crm_mon --output-as=xml)
[ "$(grep -c 'online="true"' <<<"$xml")" = 3 ] || fail "not 3 nodes online: $xml"
grep -q 'with_quorum="true"' <<<"$xml" || fail "no quorum"
[ "$(X cibadmin -Q --xpath "//primitive[@type='fence_ipmilan']" | grep -c '<primitive')" = 3 ] ||
  fail "the nodes' BMCs are not configured as fencing devices"
log "crm_mon --output-as=xml: 3 nodes online, quorum, fence_ipmilan for each node's BMC"

if X crm_resource -r "$VM" --query-xml >/dev/null 2>&1; then
  fail "$VM exists already (run ha-bed.sh down)"
fi
make_guest
t0=$(now)
add_resource
wait_for 90 "$VM started" on_other_node none
A=$FOUND
wait_for 60 "guest ready" readies 1
log "$VM started on $A, guest ready after $(since "$t0") s"
add_ip
wait_for 30 "floating address $FLOAT" answers "$FLOAT"
log "floating address $FLOAT answers (placed with the VM)"

t0=$(now)
bash "$BED" unplug "$A"
log "$A unplugged from the bed's switch (running on, cut off)"
# Fenced through fence_ipmilan: the node's BMC turned the power switch.
wait_for 90 "$A fenced" grep -qs "source=bmc action=off plug=$A done" "$BASE/fence.log"
tf=$(since "$t0")
wait_for 90 "$VM started on another node" on_other_node "$A"
B=$FOUND
ts=$(since "$t0")
wait_for 90 "guest ready again" readies 2
tr=$(since "$t0")
wait_for 90 "floating address back" answers "$FLOAT"
ti=$(since "$t0")
log "failover: fenced +$tf s, started on $B +$ts s, guest ready +$tr s," \
  "$FLOAT answers +$ti s (limit 90 s)"
answers "10.77.0.1${A#kvmm-ha}" && fail "the powered-off $A still answers on its address"
[ "$(grep -c . "$BASE/fence.log")" -ge 1 ] && log "fence.log: $(tail -n 1 "$BASE/fence.log")"
first=$(grep -m1 KVMM-HA-BOOT "$SERIAL" | cut -d' ' -f2 | tr -d '\r') # a tty: CRLF
last=$(grep KVMM-HA-DISK "$SERIAL" | tail -n 1)
[[ $last == *"$first"* ]] || fail "the disk lost the first boot's stamp"
log "disk intact: the boot on $B read the stamp written by the boot on $A"
X stonith_admin --history "$A" | head -n 1 | sed 's/^/[ha-bed-check] history: /' >&2

t0=$(now)
bash "$BED" poweron "$A"
wait_for 60 "$A back online" node_online "$A"
log "$A powered on and back online after $(since "$t0") s"

boots=$(grep -c KVMM-HA-BOOT "$SERIAL")
t0=$(now)
X crm_attribute --node "$B" --name standby --update on
wait_for 120 "$VM moved off $B" on_other_node "$B"
C=$FOUND
log "standby $B: $VM live-migrated to $C after $(since "$t0") s"
sleep 2
[ "$(grep -c KVMM-HA-BOOT "$SERIAL")" = "$boots" ] || fail "the guest rebooted during the migration"
state=$(X virsh -c "qemu+tcp://$C/system" domstate "$VM")
[[ $state == running* ]] || fail "$VM is '$state' on $C, not running"
log "guest kept running (no new boot on its console)"
X crm_attribute --node "$B" --name standby --update off

t0=$(now)
X crm_resource -r "$VM" --meta -p target-role -v Stopped >/dev/null
wait_for 120 "$VM stopped" vm_stopped
grep -q KVMM-HA-POWEROFF "$SERIAL" || fail "the guest did not power off by ACPI"
log "stopped through Pacemaker (ACPI power button) after $(since "$t0") s"
sleep 12 # more than one monitor interval: Pacemaker must not restart it
[ -z "$(vm_node)" ] || fail "Pacemaker restarted $VM"
for n in kvmm-ha1 kvmm-ha2 kvmm-ha3; do
  [ -z "$(X virsh -c "qemu+tcp://$n/system" list --name | tr -d '[:space:]')" ] ||
    fail "a domain still runs on $n"
done
log "stays stopped; no domain on any node"

X cibadmin --delete --xml-text "<rsc_colocation id=\"kvmm-ha-ip-with-vm\"/>"
X cibadmin --delete --xml-text "<primitive id=\"kvmm-ha-ip\"/>"
X cibadmin --delete --xml-text "<primitive id=\"$VM\"/>"
if [ "$KEEP" != "--keep" ]; then bash "$BED" down; fi
log "all checks passed"
