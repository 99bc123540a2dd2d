#!/usr/bin/env bash
# The HA test bed's BMCs (issue 57): one IPMI simulator (OpenIPMI's ipmi_sim) per node, so that
# Pacemaker fences the bed's nodes through a real, allow-listed fence agent — fence_ipmilan over
# IPMI 2.0 (RMCP+), as it would a server's iDRAC or iLO — and not through a test-only agent.
#
#   scripts/ha-bed-bmc.sh up      starts the three BMCs and waits until each answers (idempotent)
#   scripts/ha-bed-bmc.sh addr N  the address of node N's BMC (1..3)
#
# kvmm-haN's BMC listens on 10.77.0.2N:623 inside the switch's namespace (kvmm-ha-sw), on the
# bed's bridge: every node reaches it, and so does the host through its leg; nothing else does.
# The BMC's chassis is the node: "power status" is whether any process runs in the node's network
# namespace, and "power off" is the bed's power switch (fence_kvmm_bed off, logged as
# source=bmc in $BASE/fence.log). Power on and reset are refused: scripts/ha-bed.sh poweron boots
# a node. One user, admin, with a password made per bed ($BASE/bmc/password). The BMCs end with
# the switch's namespace (scripts/ha-bed.sh down); their state is under $BASE/bmc.
# Called by scripts/ha-bed.sh with BASE set. Needs root, ipmi_sim (openipmi) and ipmitool.
set -euo pipefail

BASE=${KVMM_HA_BASE:-/tmp/kvmm-ha-bed}
SW=kvmm-ha-sw
NET=10.77.0
NODES=(kvmm-ha1 kvmm-ha2 kvmm-ha3)

log() { echo "[ha-bed-bmc] $*" >&2; }
die() {
  log "ERROR: $*"
  exit 1
}

addr() { echo "$NET.2$1"; }

# The chassis control program ipmi_sim runs: NODE get power|boot, NODE set power 0.
write_chassis() {
  sed "s|@BASE@|$BASE|" >"$BASE/bmc/chassis" <<'EOF2'
#!/bin/bash
# Chassis control of a KVM Manager HA test bed BMC (scripts/ha-bed-bmc.sh), run by ipmi_sim:
#   chassis NODE get power|boot ...   prints power:1|0, boot:default
#   chassis NODE set power 0          the bed's power switch turns NODE off
# Errors go to stdout, where ipmi_sim keeps them.
BASE=@BASE@
node=$1 op=$2
shift 2
switch() { printf 'action=%s\nplug=%s\nkvmm_source=bmc\n' "$1" "$node" | "$BASE/sbin/fence_kvmm_bed"; }
case "$op" in
  get)
    for p in "$@"; do
      case "$p" in
        power) if switch status; then echo "power:1"; else echo "power:0"; fi ;;
        boot) echo "boot:default" ;;
        *) echo "no $p here"; exit 1 ;;
      esac
    done ;;
  set)
    while [ $# -ge 2 ]; do
      case "$1=$2" in
        power=0) switch off || { echo "the power switch failed"; exit 1; } ;;
        power=* | reset=*) echo "power on with scripts/ha-bed.sh poweron $node"; exit 1 ;;
        boot=*) ;;
        *) echo "no $1 here"; exit 1 ;;
      esac
      shift 2
    done ;;
  *) echo "unknown operation $op"; exit 1 ;;
esac
EOF2
  chmod 755 "$BASE/bmc/chassis"
}

answers() { # answers N: the BMC of node N tells its chassis power
  ipmitool -I lanplus -C 3 -H "$(addr "$1")" -U admin -f "$BASE/bmc/password" \
    chassis power status >/dev/null 2>&1
}

up() {
  command -v ipmi_sim >/dev/null || die "ipmi_sim missing: apt-get install -y openipmi ipmitool"
  command -v ipmitool >/dev/null || die "ipmitool missing: apt-get install -y ipmitool"
  [ -e "/run/netns/$SW" ] || die "the bed's switch ($SW) is not up"
  mkdir -p "$BASE/bmc"
  chmod 700 "$BASE/bmc"
  [ -s "$BASE/bmc/password" ] ||
    (umask 077 && head -c 12 /dev/urandom | base64 | tr -d '/+=' >"$BASE/bmc/password")
  write_chassis
  # The IPMI environment: one BMC at the usual address 0x20, with a system event log.
  cat >"$BASE/bmc/sim.emu" <<'EOF2'
mc_setbmc 0x20
mc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02 persist_sdr
sel_enable 0x20 1000 0x0a
mc_enable 0x20
EOF2
  local n i dir pid
  for n in "${NODES[@]}"; do
    i=${n#kvmm-ha}
    dir=$BASE/bmc/$n
    mkdir -p "$dir/state"
    ip -n "$SW" addr show dev br0 | grep -q "inet $(addr "$i")/" ||
      ip -n "$SW" addr add "$(addr "$i")/24" dev br0
    # IPMI 2.0 only (RMCP+); IPMI 1.5's logins send the password nearly in the clear.
    cat >"$dir/lan.conf" <<EOF2
name "$n"
set_working_mc 0x20
  startlan 1
    addr $(addr "$i") 623
    priv_limit admin
    guid $(printf '6b766d6d2d686100000000000000000%s' "$i")
  endlan
  chassis_control "$BASE/bmc/chassis $n"
  user 2 true "admin" "$(cat "$BASE/bmc/password")" admin 10 md5
EOF2
    chmod 600 "$dir/lan.conf"
    pid=$(cat "$dir/pid" 2>/dev/null || true)
    if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = ipmi_sim ]; then
      continue
    fi
    ip netns exec "$SW" setsid ipmi_sim -n -c "$dir/lan.conf" -f "$BASE/bmc/sim.emu" \
      -s "$dir/state" </dev/null >"$dir/log" 2>&1 &
    echo $! >"$dir/pid"
  done
  for n in "${NODES[@]}"; do
    i=${n#kvmm-ha}
    for _ in $(seq 1 50); do answers "$i" && break || sleep 0.2; done
    answers "$i" || die "$n's BMC at $(addr "$i") does not answer; see $BASE/bmc/$n/log"
  done
  log "BMCs answer at $(addr 1), $(addr 2), $(addr 3) (user admin, password in $BASE/bmc/password)"
}

case "${1:-}" in
  up) up ;;
  addr) addr "${2:?node number}" ;;
  *)
    echo "usage: $0 up|addr N" >&2
    exit 2
    ;;
esac
