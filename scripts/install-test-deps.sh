#!/usr/bin/env bash
# Installs and starts what the real-QEMU tests need: libvirtd + QEMU (TCG), a tiny guest kernel,
# busybox for the guest's initramfs, qemu-guest-agent and e2fsprogs for the agent test guest
# (tests/support/agent_guest.ts), Chromium's headless shell for browser tests (tests/harness/
# browser.ts says why not the full browser), and the PCI and USB id lists the host device
# inventory names devices from, Open vSwitch (its daemons are started by the tests
# that need them: tests/support/ovs.ts), mdevctl, which libvirt keeps mediated devices with, and
# the tools tests call that no listed package pulls in (curl, Debian priority optional: offline
# test; iproute2, absent from minimal images: ip link/route in the network and MTU tests; lintian:
# the release test checks the Debian package with it), and Prometheus (tests/prometheus_fleet_test.ts
# runs it as a child process; installed without its recommended node exporter), and restic, which
# off-host backups run as a child process (lib/restic/), and Pacemaker, Corosync and the fence
# and resource agents, which the HA test bed (scripts/ha-bed.sh) runs in namespaces of its own,
# and nftables (tests/firewall_traffic_test.ts writes libvirt's nftables table in namespaces) and
# debootstrap, which makes the Debian 12 and 13 roots of the release checks (scripts/debian-root.sh),
# and ifupdown2, whose ifreload applies host network changes (tests/host_network_netns_test.ts runs
# it in namespaces with an /etc/network of their own; its postinst only writes a loopback-only
# /etc/network/interfaces where there is none, and starts nothing), and OpenLDAP's slapd and
# ldap-utils (tests/support/slapd.ts runs a slapd of its own; the host's is left unconfigured and
# disabled), and pebble, Let's Encrypt's test ACME server with its DNS stand-in
# pebble-challtestsrv (tests/support/pebble.ts starts both on loopback; the package starts nothing),
# and tini, which libvirtd runs under (below).
# Works without systemd (containers), and is safe to run again and again.
set -euo pipefail

PACKAGES=(libvirt0 libvirt-clients libvirt-daemon-system qemu-system-x86 qemu-utils dnsmasq-base
  linux-image-cloud-amd64 busybox-static cpio chromium-headless-shell
  osinfo-db ovmf swtpm swtpm-tools xorriso python3-yaml iptables qemu-guest-agent e2fsprogs openssh-server
  openssl
  pci.ids usb.ids openvswitch-switch mdevctl xz-utils zstd curl iproute2 lintian restic nftables
  debootstrap ifupdown2 pebble tini)

SUDO=()
if [ "$(id -u)" -ne 0 ]; then SUDO=(sudo); fi

log() { echo "[install-test-deps] $*"; }

missing=()
for p in "${PACKAGES[@]}"; do
  # No `| grep -q` under pipefail: grep quitting early can kill the writer with SIGPIPE.
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing: ${missing[*]}"
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
else
  log "all packages present"
fi
if [ "$(dpkg-query -W -f='${Status}' prometheus 2>/dev/null)" != "install ok installed" ]; then
  log "installing: prometheus"
  install_prometheus() {
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      --no-install-recommends prometheus
  }
  install_prometheus || { "${SUDO[@]}" apt-get update -qq && install_prometheus; }
  # Tests start their own; without a policy-rc.d that denies it, postinst started one on :9090.
  "${SUDO[@]}" /etc/init.d/prometheus stop >/dev/null 2>&1 || true
fi

# Debian's cloud-init, which tests/cloud_init_password_test.ts runs on a seed of ours inside a
# namespace (never on the host itself). Without recommends: growpart, eatmydata and sudo are not
# needed. With no datasource at boot, its own check (ds-identify) turns it off on this host.
if [ "$(dpkg-query -W -f='${Status}' cloud-init 2>/dev/null)" != "install ok installed" ]; then
  log "installing: cloud-init"
  install_cloud_init() {
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      --no-install-recommends cloud-init
  }
  install_cloud_init || { "${SUDO[@]}" apt-get update -qq && install_cloud_init; }
fi

# OpenLDAP's slapd and its client tools: tests/support/slapd.ts runs a private slapd per test
# (own config and database in a temp dir); ldap-utils' ldapsearch/ldapwhoami check it. The host
# gets no directory of its own: debconf is told not to configure slapd (no /etc/ldap/slapd.d, no
# database, no admin password asked), and the system service is stopped and disabled afterwards.
LDAP_PACKAGES=(slapd ldap-utils)
ldap_missing=()
for p in "${LDAP_PACKAGES[@]}"; do
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
    ldap_missing+=("$p")
  fi
done
if [ ${#ldap_missing[@]} -gt 0 ]; then
  log "installing: ${ldap_missing[*]}"
  echo "slapd slapd/no_configuration boolean true" | "${SUDO[@]}" debconf-set-selections
  install_ldap() {
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${ldap_missing[@]}"
  }
  install_ldap || { "${SUDO[@]}" apt-get update -qq && install_ldap; }
  # Unconfigured, Debian's slapd has nothing to serve, but its service is still enabled at boot.
  # With systemd, systemctl runs update-rc.d itself; without it (containers) update-rc.d does.
  if [ -d /run/systemd/system ]; then
    "${SUDO[@]}" systemctl disable --now slapd >/dev/null 2>&1 || true
  else
    "${SUDO[@]}" /etc/init.d/slapd stop >/dev/null 2>&1 || true
    "${SUDO[@]}" update-rc.d slapd disable >/dev/null 2>&1 || true
  fi
fi

# openipmi's ipmi_sim and ipmitool: the HA bed's BMCs, fenced through fence_ipmilan
# (scripts/ha-bed-bmc.sh).
HA_PACKAGES=(pacemaker corosync pacemaker-cli-utils resource-agents fence-agents openipmi ipmitool)
ha_missing=()
for p in "${HA_PACKAGES[@]}"; do
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
    ha_missing+=("$p")
  fi
done
if [ ${#ha_missing[@]} -gt 0 ]; then
  log "installing: ${ha_missing[*]}"
  # Without recommends: pcs and crmsh would bring Ruby and Python stacks the bed does not use.
  install_ha() {
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      --no-install-recommends "${ha_missing[@]}"
  }
  install_ha || { "${SUDO[@]}" apt-get update -qq && install_ha; }
  # Installed just now, so nobody's cluster: without a policy-rc.d that denies it, postinst
  # started Corosync and Pacemaker on Debian's one-node corosync.conf. The bed runs its own.
  "${SUDO[@]}" /etc/init.d/pacemaker stop >/dev/null 2>&1 || true
  "${SUDO[@]}" /etc/init.d/corosync stop >/dev/null 2>&1 || true
  # openipmi's service loads the host's IPMI drivers; the bed's BMCs are simulators.
  "${SUDO[@]}" /etc/init.d/openipmi stop >/dev/null 2>&1 || true
fi

# No systemd here, so the daemons are started by hand; pgrep -x avoids matching this script.
# A daemon that is still shutting down counts as running at first, so the wait loop below
# starts it again once it is gone.
"${SUDO[@]}" mkdir -p /var/log/libvirt /run/libvirt
ensure_daemon() {
  if pgrep -x "$1" >/dev/null; then
    [ "${2:-}" = quiet ] || log "$1 already running"
  elif [ "$1" = libvirtd ]; then
    log "starting $1"
    # Under tini as a subreaper: libvirt starts each QEMU detached, so an exited QEMU waits as a
    # zombie for its new parent to collect it, and libvirt waits for that. Without systemd that
    # parent is this machine's PID 1, which collects every 2 s or so (1.6 s per `virsh destroy`
    # here, 0.2 s under tini), and a test run stops some 200 guests.
    "${SUDO[@]}" setsid tini -s -- libvirtd </dev/null >/dev/null 2>&1 &
  else
    log "starting $1"
    "${SUDO[@]}" "$1" -d
  fi
}
ensure_daemon virtlogd
ensure_daemon libvirtd

for _ in $(seq 1 60); do
  if "${SUDO[@]}" virsh -c qemu:///system version >/dev/null 2>&1; then
    log "libvirtd answers: $("${SUDO[@]}" virsh -c qemu:///system version | grep -i 'running hypervisor' || true)"
    exit 0
  fi
  sleep 0.5
  ensure_daemon virtlogd quiet
  ensure_daemon libvirtd quiet
done
log "ERROR: libvirtd did not answer on qemu:///system within 30 s" >&2
exit 1
