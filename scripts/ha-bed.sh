#!/usr/bin/env bash
# The HA test bed of issue 48: three Pacemaker/Corosync cluster nodes on this one machine.
#
#   scripts/ha-bed.sh up                 builds the bed and boots all nodes (idempotent)
#   scripts/ha-bed.sh down               stops everything and removes every trace
#   scripts/ha-bed.sh status             per node: on/off, corosync quorum, pacemaker view
#   scripts/ha-bed.sh exec NODE CMD...   runs CMD inside NODE (its net, mount, UTS namespaces);
#                                        NODE "any" is the first node that is on
#   scripts/ha-bed.sh up --bare          the nodes without a cluster: no corosync.conf, no
#                                        Corosync or Pacemaker running, and an sshd in each that
#                                        takes root with the bed's key ($BASE/ssh/ssh_config), for
#                                        `kvm-manager install-cluster` to set the cluster up
#   scripts/ha-bed.sh poweroff NODE      the bed's power switch: kills every process of NODE
#   scripts/ha-bed.sh poweron NODE       boots NODE again (corosync, pacemaker, libvirtd)
#   scripts/ha-bed.sh unplug NODE        NODE's switch port goes down: it runs on, cut off from
#                                        the others, who fence it through its BMC
#
# Each node (kvmm-ha1..3) has its own network namespace (named, so it outlives a power-off,
# like a NIC still cabled to its switch), and per boot its own mount and UTS namespaces: its
# hostname; private /etc/corosync, /var/lib/corosync, /var/lib/pacemaker, /var/log/{pacemaker,
# corosync,libvirt}, /etc/libvirt, /var/lib/libvirt, /var/cache/libvirt, /run, /dev/shm and
# /etc/hosts (folders under $BASE/NODE, seen from outside). No PID namespace: the fence agent
# running on one node must see (and kill) the processes of another.
# The nodes are joined by veth pairs to a bridge in a fourth namespace (kvmm-ha-sw) that only
# they share, on 10.77.0.0/24 (.11 .12 .13); the host gets one leg on that bridge (10.77.0.1),
# so tests can reach the nodes' libvirtd (qemu+tcp://10.77.0.1N/system) and floating addresses.
# $BASE/shared is bind-mounted into every node at /var/lib/libvirt/images/shared.
#
# Fencing: each node has a BMC (scripts/ha-bed-bmc.sh: OpenIPMI's simulator on 10.77.0.2N), and
# the cluster fences a node through fence_ipmilan against it, as it would a real server. The
# BMC's "power off" is the bed's power switch, fence_kvmm_bed (written to $BASE/sbin, laid over
# /usr/sbin inside each node with a read-only overlay; the host's /usr/sbin stays untouched),
# which SIGKILLs every process in the node's network namespace.
# KVM Manager's own resource agent (scripts/release/ocf/server) is laid over
# /usr/lib/ocf/resource.d/kvm-manager the same way: ocf:kvm-manager:server inside the nodes only.
#
# Environment: KVMM_HA_BASE (state folder, default /tmp/kvmm-ha-bed).
set -euo pipefail

BASE=${KVMM_HA_BASE:-/tmp/kvmm-ha-bed}
NODES=(kvmm-ha1 kvmm-ha2 kvmm-ha3)
SW=kvmm-ha-sw
NET=10.77.0
HOST_IF=kvmmha-host
OCF_AGENT=$(cd "$(dirname "$0")" && pwd)/release/ocf/server

log() { echo "[ha-bed] $*" >&2; }
die() {
  log "ERROR: $*"
  exit 1
}

idx() { # idx NODE -> 1..3
  case "$1" in
    kvmm-ha1) echo 1 ;; kvmm-ha2) echo 2 ;; kvmm-ha3) echo 3 ;;
    *) die "unknown node $1 (kvmm-ha1, kvmm-ha2, kvmm-ha3)" ;;
  esac
}

ns_exists() { [ -e "/run/netns/$1" ]; }

# Pids of every process in NODE's network namespace (never the host's own namespace).
node_pids() {
  local id
  id=$(cat "$BASE/$1/netns" 2>/dev/null) || return 0
  [ -n "$id" ] && [ "$id" != "$(readlink /proc/1/ns/net)" ] || return 0
  # One find reads every process's link: a readlink per process forked a thousand times a call.
  find /proc/[0-9]*/ns/net -maxdepth 0 -printf '%p %l\n' 2>/dev/null |
    awk -v id="$id" '$2 == id { split($1, p, "/"); print p[3] }'
  return 0
}

holder_pid() { # the node's namespace holder, when it runs
  local pid
  pid=$(cat "$BASE/$1/holder.pid" 2>/dev/null) || return 1
  [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "kvmm-ha-holder" ] &&
    [ "$(readlink "/proc/$pid/ns/net")" = "$(cat "$BASE/$1/netns")" ] && echo "$pid"
}

node_exec() { # node_exec NODE CMD...: inside the node's namespaces
  local n=$1 pid
  shift
  pid=$(holder_pid "$n") || die "$n is powered off"
  nsenter -t "$pid" -n -m -u -- "$@"
}

# The power switch: unplugs the node's switch port, drops its addresses (a floating address
# must not answer from a dead node) and SIGKILLs every process in it (fence_kvmm_bed "off").
poweroff_node() {
  [ -x "$BASE/sbin/fence_kvmm_bed" ] || return 0
  printf 'action=off\nplug=%s\nkvmm_source=ha-bed\n' "$1" | "$BASE/sbin/fence_kvmm_bed" ||
    die "$1: the power switch failed; see $BASE/fence.log"
}

write_fence_agent() {
  mkdir -p "$BASE/sbin"
  # $BASE/sbin is the lower layer of the nodes' /usr/sbin: a file replaced under a running
  # node's overlay stays stale there, so files are written once (or when they changed).
  sed "s|@BASE@|$BASE|" >"$BASE/sbin/.fence_kvmm_bed.new" <<'EOF'
#!/bin/bash
# Fence agent of the KVM Manager HA test bed (scripts/ha-bed.sh): the bed's power switch.
# Speaks the fence-agents protocol: options as name=value lines on stdin (or -o ACTION -n PLUG).
# "off" (and "reboot", which leaves the node off) SIGKILLs every process in the node's network
# namespace; "on" is not supported (the test bed powers a node on with ha-bed.sh poweron).
BASE=@BASE@
action=reboot plug='' source=pacemaker
while [ $# -gt 0 ]; do
  case "$1" in
    -o) action=$2; shift 2 ;; --action=*) action=${1#*=}; shift ;;
    -n) plug=$2; shift 2 ;; --plug=* | --port=*) plug=${1#*=}; shift ;;
    *) shift ;;
  esac
done
if [ ! -t 0 ]; then
  while IFS= read -r -t 1 line; do
    case "$line" in
      action=* | option=*) action=${line#*=} ;;
      port=* | plug=*) plug=${line#*=} ;;
      kvmm_source=*) source=${line#*=} ;; # ha-bed.sh's own power switch
    esac
  done
fi
# One line per action: TIME NODE-THAT-RAN-IT source=pacemaker|ha-bed action=… plug=… RESULT
log() {
  echo "$(date -u +%FT%T.%3NZ) $(uname -n) source=$source action=$action plug=$plug $*" \
    >>"$BASE/fence.log"
}
known() { [ -f "$BASE/$1/netns" ]; }
pids_of() {
  local id; id=$(cat "$BASE/$1/netns" 2>/dev/null) || return 0
  [ -n "$id" ] && [ "$id" != "$(readlink /proc/1/ns/net)" ] || return 0
  # One find for every process's link, not a readlink each: Pacemaker asks for status often,
  # and a thousand forks a call were 20,000 processes and 75 s of CPU in one test run.
  find /proc/[0-9]*/ns/net -maxdepth 0 -printf '%p %l\n' 2>/dev/null |
    awk -v id="$id" '$2 == id { split($1, p, "/"); print p[3] }'
}
case "$action" in
  metadata)
    cat <<'XML'
<?xml version="1.0" ?>
<resource-agent name="fence_kvmm_bed" shortdesc="Power switch of the KVM Manager HA test bed">
<longdesc>Kills every process in a test-bed node's network namespace.</longdesc>
<vendor-url>https://example.invalid/kvm-manager</vendor-url>
<parameters>
  <parameter name="action" unique="0" required="0"><getopt mixed="-o, --action=[action]"/>
    <content type="string" default="reboot"/>
    <shortdesc lang="en">Fencing action</shortdesc></parameter>
  <parameter name="plug" unique="0" required="0" obsoletes="port"><getopt mixed="-n, --plug=[id]"/>
    <content type="string"/><shortdesc lang="en">Node name (kvmm-ha1..3)</shortdesc></parameter>
  <parameter name="port" unique="0" required="0" deprecated="1"><getopt mixed="-n, --plug=[id]"/>
    <content type="string"/><shortdesc lang="en">Node name (kvmm-ha1..3)</shortdesc></parameter>
</parameters>
<actions>
  <action name="on" automatic="0"/><action name="off"/><action name="reboot"/>
  <action name="status"/><action name="list"/><action name="monitor"/>
  <action name="metadata"/><action name="validate-all"/>
</actions>
</resource-agent>
XML
    exit 0 ;;
  monitor | validate-all) [ -d "$BASE" ]; exit $? ;;
  list) for d in "$BASE"/kvmm-ha*/; do d=${d%/}; echo "${d##*/},"; done; exit 0 ;;
  status)
    known "$plug" || { log "unknown"; exit 1; }
    [ -n "$(pids_of "$plug")" ] && exit 0 || exit 2 ;;
  off | reboot)
    known "$plug" || { log "unknown"; exit 1; }
    # Unplug first (switch port down), so nothing leaves the node while it dies.
    ip -n kvmm-ha-sw link set "n${plug#kvmm-ha}" down 2>/dev/null
    for _ in $(seq 1 50); do
      pids=$(pids_of "$plug")
      [ -z "$pids" ] && break
      # shellcheck disable=SC2086 # one word per pid
      kill -STOP $pids 2>/dev/null
      # shellcheck disable=SC2086
      kill -KILL $pids 2>/dev/null
      sleep 0.1
    done
    [ -n "$(pids_of "$plug")" ] && { log "FAILED: processes left"; exit 1; }
    ip -n "$plug" addr flush dev eth0 2>/dev/null
    ip -n "$plug" link set eth0 down 2>/dev/null
    log "done"; exit 0 ;;
  on) log "refused: power on with ha-bed.sh poweron"; exit 1 ;;
  *) exit 1 ;;
esac
EOF
  chmod 755 "$BASE/sbin/.fence_kvmm_bed.new"
  if cmp -s "$BASE/sbin/.fence_kvmm_bed.new" "$BASE/sbin/fence_kvmm_bed"; then
    rm "$BASE/sbin/.fence_kvmm_bed.new"
  else
    mv "$BASE/sbin/.fence_kvmm_bed.new" "$BASE/sbin/fence_kvmm_bed"
  fi
  local name target
  for name in libvirtd-hab:/usr/sbin/libvirtd virtlogd-hab:/usr/sbin/virtlogd \
    kvmm-ha-holder:/usr/bin/sleep; do
    target=${name#*:}
    name=${name%%:*}
    [ -L "$BASE/sbin/$name" ] || ln -s "$target" "$BASE/sbin/$name"
  done
}

write_cluster_files() { # corosync.conf, authkey, hosts: once per bed
  [ -f "$BASE/authkey" ] || {
    dd if=/dev/urandom of="$BASE/authkey" bs=256 count=1 status=none
    chmod 400 "$BASE/authkey"
  }
  {
    echo "127.0.0.1 localhost"
    for n in "${NODES[@]}"; do echo "$NET.1$(idx "$n") $n"; done
  } >"$BASE/hosts"
  {
    cat <<EOF
# Written by scripts/ha-bed.sh.
totem {
  version: 2
  cluster_name: kvmm-ha-bed
  transport: knet
  crypto_cipher: aes256
  crypto_hash: sha256
}
logging {
  to_logfile: yes
  logfile: /var/log/corosync/corosync.log
  to_syslog: no
  to_stderr: no
  timestamp: hires
}
quorum {
  provider: corosync_votequorum
}
nodelist {
EOF
    for n in "${NODES[@]}"; do
      printf '  node {\n    name: %s\n    nodeid: %s\n    ring0_addr: %s\n  }\n' \
        "$n" "$(idx "$n")" "$NET.1$(idx "$n")"
    done
    echo "}"
  } >"$BASE/corosync.conf"
}

prepare_node_dirs() { # once per node: its "disk"
  local n=$1 d=$BASE/$1 i
  i=$(idx "$n")
  [ -d "$d/lib-pacemaker" ] && return 0
  mkdir -p "$d"/{etc-corosync,lib-corosync,log-corosync,log-pacemaker,run} \
    "$d"/{lib-libvirt,cache-libvirt,log-libvirt/qemu}
  cp -a /var/lib/pacemaker "$d/lib-pacemaker"
  chown hacluster:haclient "$d/log-pacemaker"
  if [ ! -f "$BASE/bare" ]; then
    cp "$BASE/corosync.conf" "$d/etc-corosync/corosync.conf"
    install -m 400 "$BASE/authkey" "$d/etc-corosync/authkey"
  fi
  cp -a /etc/libvirt "$d/etc-libvirt"
  find "$d/etc-libvirt/qemu" "$d/etc-libvirt/storage" "$d/etc-libvirt/secrets" -mindepth 1 -delete
  mkdir -p "$d/etc-libvirt/qemu/networks/autostart" "$d/etc-libvirt/storage/autostart"
  mkdir -p "$d/lib-libvirt/images/shared"
  cat >"$d/etc-libvirt/libvirtd.conf" <<EOF
# Written by scripts/ha-bed.sh: a bed node's daemon, TCP without authentication on the bed's
# private bridge only (its own network namespace).
listen_tls = 0
listen_tcp = 1
auth_tcp = "none"
host_uuid = "6b766d6d-2d68-612d-6265-64000000000$i"
log_outputs = "3:file:/var/log/libvirt/libvirtd.log"
EOF
  cat >"$d/etc-libvirt/qemu.conf" <<EOF
# Written by scripts/ha-bed.sh. No cgroups: the three nodes' daemons would share cgroup names.
cgroup_controllers = [ ]
migration_address = "$NET.1$i"
EOF
}

# Boots NODE: fresh mount + UTS namespaces inside its network namespace, private folders laid
# over the system's, then corosync, pacemakerd, virtlogd, libvirtd (each under a bed-only name).
boot_node() {
  local n=$1 d=$BASE/$1
  if holder_pid "$n" >/dev/null; then return 0; fi
  poweroff_node "$n" # leftovers of a half-dead node
  # Power on: the NIC comes up with the node's own address, the switch port goes up.
  ip -n "$n" addr add "$NET.1$(idx "$n")/24" dev eth0
  ip -n "$n" link set eth0 up
  ip -n "$SW" link set "n$(idx "$n")" up
  rm -rf "${d:?}/run" && mkdir -p "$d/run"
  # shellcheck disable=SC2016 # expanded by the inner bash
  ip netns exec "$n" unshare -m -u --propagation private -- bash -euc '
    B=$1 N=$2 D=$1/$2
    hostname "$N"
    mount -t overlay kvmm-ha-sbin -o "lowerdir=$B/sbin:/usr/sbin" /usr/sbin
    mount -t overlay kvmm-ha-ocf -o "lowerdir=$B/ocf:/usr/lib/ocf/resource.d" \
      /usr/lib/ocf/resource.d
    mkdir -p "$D/run/netns"
    mount --bind /run/netns "$D/run/netns"
    mount --rbind "$D/run" /run
    mkdir -p /run/lock /run/libvirt /run/corosync-qdevice
    mount -t tmpfs -o mode=1777,size=256m kvmm-ha-shm /dev/shm
    mount --bind "$D/etc-corosync" /etc/corosync
    mount --bind "$D/lib-corosync" /var/lib/corosync
    mount --bind "$D/log-corosync" /var/log/corosync
    mount --bind "$D/lib-pacemaker" /var/lib/pacemaker
    mkdir -p /var/log/pacemaker
    mount --bind "$D/log-pacemaker" /var/log/pacemaker
    mount --rbind "$D/lib-libvirt" /var/lib/libvirt
    mount --bind "$B/shared" /var/lib/libvirt/images/shared
    mount --bind "$D/cache-libvirt" /var/cache/libvirt
    mount --bind "$D/log-libvirt" /var/log/libvirt
    mount --bind "$D/etc-libvirt" /etc/libvirt
    mount --bind "$B/hosts" /etc/hosts
    readlink /proc/self/ns/mnt >"$D/mntns"
    # The holder keeps the namespaces for nsenter; comm must read kvmm-ha-holder.
    (/usr/sbin/kvmm-ha-holder infinity </dev/null >/dev/null 2>&1 & echo $! >"$D/holder.pid")
    /usr/sbin/virtlogd-hab -d -p /run/virtlogd.pid
    /usr/sbin/libvirtd-hab --listen -d -p /run/libvirtd.pid
    if [ -f "$B/bare" ]; then
      mkdir -p /run/sshd
      /usr/sbin/sshd -f "$B/ssh/sshd_config"
      exit 0
    fi
    corosync
    export PCMK_logfile=/var/log/pacemaker/pacemaker.log
    setsid pacemakerd </dev/null >>/var/log/pacemaker/pacemakerd.out 2>&1 &
  ' ha-bed "$BASE" "$n"
}

# The nodes' sshd and the client's files for bare mode: one host key for the three nodes, one
# client key that root may log in with, all under $BASE/ssh (nothing in /root/.ssh or /etc/ssh).
write_ssh_files() {
  local S=$BASE/ssh
  mkdir -p "$S"
  chmod 700 "$S"
  [ -f "$S/host_key" ] || ssh-keygen -q -t ed25519 -N "" -C kvmm-ha-bed-host -f "$S/host_key"
  [ -f "$S/id_ed25519" ] || ssh-keygen -q -t ed25519 -N "" -C kvmm-ha-bed-client -f "$S/id_ed25519"
  cp "$S/id_ed25519.pub" "$S/authorized_keys"
  echo "$NET.* $(cut -d " " -f1,2 "$S/host_key.pub")" >"$S/known_hosts"
  cat >"$S/sshd_config" <<EOF
# Written by scripts/ha-bed.sh: each bare node's sshd, on its own network namespace only.
Port 22
HostKey $S/host_key
AuthorizedKeysFile $S/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PidFile /run/sshd.pid
# The key files are under /tmp (world-writable, sticky): sshd's path check would refuse them.
StrictModes no
EOF
  cat >"$S/ssh_config" <<EOF
# Written by scripts/ha-bed.sh: reaching the bare nodes as root (ssh -F this file).
Host $NET.*
  IdentityFile $S/id_ed25519
  IdentitiesOnly yes
  UserKnownHostsFile $S/known_hosts
  StrictHostKeyChecking yes
EOF
}

up() {
  if [ "${1:-}" = --bare ]; then
    [ -d "$BASE" ] && [ ! -f "$BASE/bare" ] && die "a bed with a cluster is up: down first"
    mkdir -p "$BASE"
    touch "$BASE/bare"
  elif [ -f "$BASE/bare" ]; then
    die "a bare bed is up: down first"
  fi
  if ! command -v corosync >/dev/null || ! command -v pacemakerd >/dev/null; then
    die "corosync/pacemaker missing: apt-get install -y --no-install-recommends pacemaker" \
      "corosync pacemaker-cli-utils resource-agents fence-agents"
  fi
  local routes
  routes=$(ip route | grep "^$NET\." || true)
  if [ -n "$routes" ] && ! ip link show "$HOST_IF" >/dev/null 2>&1; then
    die "$NET.0/24 is already routed on this host: $routes"
  fi
  mkdir -p "$BASE/shared"
  chmod 755 "$BASE" "$BASE/shared"
  # iproute2 makes /run/netns (a shared bind mount of itself) on first use: undone by down.
  [ -d /run/netns ] || touch "$BASE/created-run-netns"
  write_fence_agent
  [ -f "$BASE/bare" ] && write_ssh_files
  # A link to the checkout's agent, so the nodes always run the agent being tested.
  mkdir -p "$BASE/ocf/kvm-manager"
  ln -sfn "$OCF_AGENT" "$BASE/ocf/kvm-manager/server"
  write_cluster_files
  # Each step checks its own result, so an up that died half-way is completed by the next one.
  ns_exists "$SW" || ip netns add "$SW"
  if ! ip -n "$SW" link show br0 >/dev/null 2>&1; then
    ip -n "$SW" link add br0 type bridge
    ip -n "$SW" link set br0 up
    ip -n "$SW" link set lo up
  fi
  if ! ip link show "$HOST_IF" >/dev/null 2>&1; then
    ip link add "$HOST_IF" type veth peer name host netns "$SW"
    ip -n "$SW" link set host master br0 up
    ip addr add "$NET.1/24" dev "$HOST_IF"
    ip link set "$HOST_IF" up
  fi
  for n in "${NODES[@]}"; do
    local i
    i=$(idx "$n")
    ns_exists "$n" || ip netns add "$n"
    if ! ip -n "$n" link show eth0 >/dev/null 2>&1; then
      ip -n "$n" link add eth0 type veth peer name "n$i" netns "$SW"
      ip -n "$SW" link set "n$i" master br0
      ip -n "$n" link set lo up
    fi
    mkdir -p "$BASE/$n"
    ip netns exec "$n" readlink /proc/self/ns/net >"$BASE/$n/netns"
    prepare_node_dirs "$n"
    boot_node "$n"
  done
  if [ -f "$BASE/bare" ]; then
    log "bare nodes up: no cluster yet; ssh -F $BASE/ssh/ssh_config root@$NET.11"
    return 0
  fi
  KVMM_HA_BASE=$BASE bash "$(dirname "$0")/ha-bed-bmc.sh" up
  wait_ready 120
  configure_fencing
}

# Each node's BMC (scripts/ha-bed-bmc.sh) as its fencing device, through fence_ipmilan: the
# cluster fences the way it would real servers (once; the CIB lives on the nodes' "disks").
# stonith-action=off: the bed's BMCs cannot power a node on.
configure_fencing() {
  local X=(node_exec kvmm-ha1) n i id password
  password=$(cat "$BASE/bmc/password")
  # A bed made by an older checkout fenced through fence_kvmm_bed itself.
  if "${X[@]}" cibadmin -Q --xpath "//primitive[@id='fence-bed']" >/dev/null 2>&1; then
    "${X[@]}" cibadmin --delete -o resources --xml-text '<primitive id="fence-bed"/>'
  fi
  for n in "${NODES[@]}"; do
    i=$(idx "$n")
    id=fence-bmc-$n
    "${X[@]}" cibadmin -Q --xpath "//primitive[@id='$id']" >/dev/null 2>&1 && continue
    "${X[@]}" cibadmin --create -o resources --xml-text "<primitive id='$id' class='stonith'
      type='fence_ipmilan'><instance_attributes id='$id-ia'>
      <nvpair id='$id-hosts' name='pcmk_host_list' value='$n'/>
      <nvpair id='$id-ip' name='ip' value='$NET.2$i'/>
      <nvpair id='$id-user' name='username' value='admin'/>
      <nvpair id='$id-password' name='password' value='$password'/>
      <nvpair id='$id-lanplus' name='lanplus' value='1'/>
      <nvpair id='$id-cipher' name='cipher' value='3'/>
      </instance_attributes><operations><op id='$id-monitor' name='monitor'
      interval='60s'/></operations></primitive>"
  done
  "${X[@]}" crm_attribute --type crm_config --name stonith-action --update off
  "${X[@]}" crm_attribute --type crm_config --name stonith-enabled --update true
}

wait_ready() { # all nodes online in crm_mon's XML within $1 s
  local t0=$SECONDS out
  while [ $((SECONDS - t0)) -lt "$1" ]; do
    out=$(node_exec kvmm-ha1 crm_mon --output-as=xml 2>/dev/null || true)
    if [ "$(grep -c '<node name="[^"]*" id="[^"]*" online="true"' <<<"$out")" = 3 ] &&
      grep -q 'with_quorum="true"' <<<"$out"; then
      log "3 nodes online with quorum after $((SECONDS - t0)) s"
      return 0
    fi
    sleep 1
  done
  die "the cluster did not come up within $1 s; see $BASE/kvmm-ha*/log-pacemaker/pacemaker.log"
}

down() {
  local n pids
  for n in "${NODES[@]}"; do
    if holder_pid "$n" >/dev/null; then
      # shellcheck disable=SC2016 # expanded inside the node
      node_exec "$n" bash -c 'for d in $(virsh -q list --name); do virsh -q destroy "$d"; done' \
        >/dev/null 2>&1 || true
    fi
    poweroff_node "$n"
  done
  for n in "${NODES[@]}" "$SW"; do
    if ns_exists "$n"; then
      # Whatever still runs there (a bed whose $BASE was removed by hand) ends with it.
      for _ in $(seq 1 50); do
        pids=$(ip netns pids "$n" 2>/dev/null || true)
        [ -z "$pids" ] && break
        # shellcheck disable=SC2086
        kill -KILL $pids 2>/dev/null || true
        sleep 0.2
      done
      ip netns del "$n"
    fi
  done
  ip link del "$HOST_IF" 2>/dev/null || true
  if [ -f "$BASE/created-run-netns" ] && [ -d /run/netns ] && [ -z "$(ls -A /run/netns)" ]; then
    while mountpoint -q /run/netns; do umount /run/netns; done
    rmdir /run/netns
  fi
  if [ -d "$BASE" ]; then
    # Leftover mounts of a crashed boot cannot exist outside the nodes (all are private).
    rm -rf "${BASE:?}"
  fi
  log "down: namespaces, links, processes and $BASE removed"
}

status() {
  local n rc=0
  for n in "${NODES[@]}"; do
    if holder_pid "$n" >/dev/null; then
      echo "$n: on ($(node_pids "$n" | wc -l) processes)"
      node_exec "$n" corosync-quorumtool -s 2>/dev/null | grep -E '^(Quorate|Total votes)' |
        sed 's/^/  /' || true
    else
      echo "$n: off"
      rc=1
    fi
  done
  for n in "${NODES[@]}"; do
    if holder_pid "$n" >/dev/null; then
      node_exec "$n" crm_mon -1 -r 2>/dev/null | sed 's/^/  /' || true
      break
    fi
  done
  return $rc
}

[ "$(id -u)" = 0 ] || die "run as root"
case "${1:-}" in
  up) up "${2:-}" ;;
  down) down ;;
  status) status ;;
  exec)
    [ $# -ge 3 ] || die "usage: $0 exec NODE|any CMD..."
    n=$2
    if [ "$n" = any ]; then # the first node that is on
      for m in "${NODES[@]}"; do holder_pid "$m" >/dev/null && n=$m && break; done
      [ "$n" != any ] || die "every node is off"
    fi
    idx "$n" >/dev/null
    shift 2
    node_exec "$n" "$@"
    ;;
  poweroff)
    idx "${2:-}" >/dev/null
    poweroff_node "$2"
    log "$2 powered off"
    ;;
  poweron)
    idx "${2:-}" >/dev/null
    boot_node "$2"
    ;;
  unplug)
    ip -n "$SW" link set "n$(idx "${2:-}")" down
    log "$2 unplugged from the bed's switch"
    ;;
  *)
    echo "usage: $0 up [--bare]|down|status|exec NODE|any CMD...|poweroff|poweron|unplug NODE" >&2
    exit 2
    ;;
esac
