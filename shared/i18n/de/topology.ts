// German for the network topology page and its API's refusals.

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  "Network topology": "Netzwerktopologie",
  "Not connected to any network": "Mit keinem Netzwerk verbunden",
  "How this host's VMs reach its networks, bridges and interfaces, VLANs and port groups on the lines. Select a box to open it.":
    "Wie die VMs dieses Hosts seine Netzwerke, Bridges und Schnittstellen erreichen, VLANs und Portgruppen an den Linien. Ein Kästchen auswählen, um es zu öffnen.",
  "See how they connect in the network topology.":
    "Wie sie zusammenhängen, zeigt die Netzwerktopologie.",
  "Ethernet": "Ethernet",
  "Bond": "Bond",
  "VLAN device": "VLAN-Gerät",
  "Linux bridge": "Linux-Bridge",
  "Open vSwitch bridge": "Open-vSwitch-Bridge",
  "Bridge not found": "Bridge nicht gefunden",
  "Not on this host": "Nicht auf diesem Host",
  "User-mode networking": "Netzwerk im Benutzermodus",
  "Found: {{found}}": "Gefunden: {{found}}",
  "Zoom out": "Verkleinern",
  "Zoom in": "Vergrößern",
  "Download SVG": "Als SVG herunterladen",
  "Laying out…": "Wird angeordnet …",
  "Failed to read the network topology": "Netzwerktopologie konnte nicht gelesen werden",
  "libvirt on this host does not list its interfaces: {{reason}}":
    "libvirt auf diesem Host listet seine Schnittstellen nicht auf: {{reason}}",
};

export default words;
