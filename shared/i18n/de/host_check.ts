// German for the host check (lib/host_check/host_check.ts, components/HostCheckCard.tsx, the
// wizard's software emulation notice).

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  "KVM cannot run guests on this host ({{reason}}): VMs run in software emulation.":
    "KVM kann auf diesem Host keine Gäste ausführen ({{reason}}): VMs laufen in Software-Emulation.",
  "This VM will run in software emulation (slower): {{reason}}":
    "Diese VM läuft in Software-Emulation (langsamer): {{reason}}",
  "Pass": "Bestanden",
  "Fail": "Fehlgeschlagen",
  "New VMs run with KVM (hardware virtualisation).":
    "Neue VMs laufen mit KVM (Hardware-Virtualisierung).",
  "New VMs run in software emulation, much slower than KVM: see below.":
    "Neue VMs laufen in Software-Emulation, deutlich langsamer als mit KVM: siehe unten.",
  "{{count}} checks passed_one": "{{count}} Prüfung bestanden",
  "{{count}} checks passed_other": "{{count}} Prüfungen bestanden",
  "KVM cannot run guests on this host ({{reason}})":
    "KVM kann auf diesem Host keine Gäste ausführen ({{reason}})",
  "Failed to check the host": "Der Host konnte nicht geprüft werden",
  "A test guest did not run: no answer within 5 s.":
    "Ein Testgast lief nicht: keine Antwort innerhalb von 5 s.",
  "Hardware virtualisation": "Hardware-Virtualisierung",
  "The CPU shows neither vmx (Intel VT-x) nor svm (AMD-V).":
    "Die CPU zeigt weder vmx (Intel VT-x) noch svm (AMD-V).",
  "Turn on virtualisation in the firmware (BIOS/UEFI) settings; in a VM, turn on nested virtualisation. Until then VMs run in software emulation, much slower.":
    "Virtualisierung in den Firmware-Einstellungen (BIOS/UEFI) einschalten; in einer VM verschachtelte Virtualisierung einschalten. Bis dahin laufen VMs in Software-Emulation, deutlich langsamer.",
  "KVM runs a guest": "KVM führt einen Gast aus",
  "/dev/kvm": "/dev/kvm",
  "/dev/kvm does not exist.": "/dev/kvm existiert nicht.",
  "Load the kvm_intel or kvm_amd kernel module (modprobe kvm_intel).":
    "Das Kernelmodul kvm_intel oder kvm_amd laden (modprobe kvm_intel).",
  "present": "vorhanden",
  "a test guest ran and halted": "ein Testgast lief und hielt an",
  "A test guest did not run: {{step}} failed.": "Ein Testgast lief nicht: {{step}} schlug fehl.",
  "Another hypervisor may hold the CPU's virtualisation (VirtualBox, VMware), or the firmware disabled it. New VMs use software emulation.":
    "Ein anderer Hypervisor belegt womöglich die Virtualisierung der CPU (VirtualBox, VMware), oder die Firmware hat sie abgeschaltet. Neue VMs nutzen Software-Emulation.",
  "IOMMU (device passthrough)": "IOMMU (Gerätedurchreichung)",
  "{{count}} IOMMU groups_one": "{{count}} IOMMU-Gruppe",
  "{{count}} IOMMU groups_other": "{{count}} IOMMU-Gruppen",
  "No IOMMU groups: PCI devices cannot be given to VMs.":
    "Keine IOMMU-Gruppen: PCI-Geräte können nicht an VMs gegeben werden.",
  "Turn on VT-d / AMD-Vi in the firmware and add intel_iommu=on (Intel) to the kernel command line.":
    "VT-d / AMD-Vi in der Firmware einschalten und intel_iommu=on (Intel) zur Kernel-Befehlszeile hinzufügen.",
  "cgroups (CPU and memory limits)": "cgroups (CPU- und Speichergrenzen)",
  "Missing controllers: {{names}}": "Fehlende Controller: {{names}}",
  "CPU shares and memory limits of VMs will not apply; enable these cgroup controllers.":
    "CPU-Anteile und Speichergrenzen der VMs greifen nicht; diese cgroup-Controller einschalten.",
  "KVM in libvirt": "KVM in libvirt",
  "libvirt offers KVM guests": "libvirt bietet KVM-Gäste an",
  "libvirt offers no KVM guests, only software emulation.":
    "libvirt bietet keine KVM-Gäste an, nur Software-Emulation.",
  "Install qemu-system-x86 and make /dev/kvm usable by libvirt, then restart libvirtd.":
    "qemu-system-x86 installieren und /dev/kvm für libvirt nutzbar machen, dann libvirtd neu starten.",
  "UEFI firmware": "UEFI-Firmware",
  "available": "verfügbar",
  "No UEFI firmware: VMs boot with BIOS only; Secure Boot is not offered.":
    "Keine UEFI-Firmware: VMs starten nur mit BIOS; Secure Boot wird nicht angeboten.",
  "Install the ovmf package.": "Das Paket ovmf installieren.",
  "active": "aktiv",
  "not defined": "nicht definiert",
  "defined but not started": "definiert, aber nicht gestartet",
  "Network “default”": "Netzwerk „default“",
  "New VMs need a network: start or define “default” on the Networks page.":
    "Neue VMs brauchen ein Netzwerk: „default“ auf der Seite Netzwerke starten oder definieren.",
  "Storage pool “default”": "Speicherpool „default“",
  "New disks need a pool: start or add “default” on the Storage page.":
    "Neue Datenträger brauchen einen Pool: „default“ auf der Seite Speicher starten oder hinzufügen.",
  "the demo's test driver runs no guests": "der Testtreiber der Demo führt keine Gäste aus",

  // lib/this_host/daemons.ts: which libvirt daemons run
  "libvirt daemons": "libvirt-Dienste",
  "libvirtd (one daemon for everything)": "libvirtd (ein Dienst für alles)",
  "networks": "Netzwerke",
  "storage pools": "Speicherpools",
  "modular: {{daemons}}; without {{missing}}, {{what}} cannot be used.":
    "modular: {{daemons}}; ohne {{missing}} sind {{what}} nicht nutzbar.",
  "modular: {{daemons}}": "modular: {{daemons}}",
  "Start {{missing}} (systemctl enable --now {{sockets}}).":
    "{{missing}} starten (systemctl enable --now {{sockets}}).",
  "Neither libvirtd nor virtqemud runs on this machine.":
    "Weder libvirtd noch virtqemud läuft auf diesem Rechner.",
  "Install libvirt-daemon-system and start libvirtd (or virtqemud).":
    "libvirt-daemon-system installieren und libvirtd (oder virtqemud) starten.",

  // lib/firewall/backend.ts: the firewall of libvirt's networks
  "Firewall of libvirt's networks": "Firewall der libvirt-Netzwerke",
  "The firewall cannot be read: port forwards cannot be applied.":
    "Die Firewall kann nicht gelesen werden: Portweiterleitungen können nicht angewendet werden.",
  "Run KVM Manager as root (or give it CAP_NET_ADMIN).":
    "KVM Manager als root ausführen (oder ihm CAP_NET_ADMIN geben).",
  "libvirt uses nftables, but nft is not installed: port forwards cannot work.":
    "libvirt verwendet nftables, aber nft ist nicht installiert: Portweiterleitungen können nicht funktionieren.",
  "Neither iptables nor nft is installed: port forwards cannot work.":
    "Weder iptables noch nft ist installiert: Portweiterleitungen können nicht funktionieren.",
  "Install the nftables package.": "Das Paket nftables installieren.",
  "nftables: port forwards go into libvirt's table ip libvirt_network.":
    "nftables: Portweiterleitungen kommen in libvirts Tabelle ip libvirt_network.",
  "iptables: port forwards go into KVM Manager's chains, ahead of libvirt's.":
    "iptables: Portweiterleitungen kommen in die Ketten von KVM Manager, vor die von libvirt.",
  "No NAT network has started yet; port forwards follow the backend libvirt uses.":
    "Noch kein NAT-Netzwerk wurde gestartet; Portweiterleitungen folgen dem Backend, das libvirt verwendet.",
};

export default words;
