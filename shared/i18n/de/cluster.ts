// German: the Pacemaker/Corosync cluster (islands/ClusterView.tsx, islands/cluster/, lib/cluster/).

export default {
  "Quorum": "Quorum",
  "Quorate": "Quorum vorhanden",
  "No quorum": "Kein Quorum",
  "Nodes online": "Knoten online",
  "{{online}} of {{total}}": "{{online}} von {{total}}",
  "Controller (DC)": "Koordinator (DC)",
  "none elected": "keiner gewählt",
  "This host": "Dieser Host",
  "not a member": "kein Mitglied",
  "Fencing": "Fencing",
  "Unsafe": "Unsicher",
  "On": "An",
  "Maintenance mode": "Wartungsmodus",
  "On: Pacemaker starts and stops nothing": "An: Pacemaker startet und stoppt nichts",
  "Pacemaker version": "Pacemaker-Version",
  "This partition has no quorum: Pacemaker stops its resources here and starts none, so the other side can take over safely.":
    "Diese Partition hat kein Quorum: Pacemaker stoppt ihre Ressourcen hier und startet keine, damit die andere Seite sicher übernehmen kann.",
  "No cluster": "Kein Cluster",
  "KVM Manager shows a Pacemaker/Corosync cluster when this host is a member of one: its nodes, quorum, fencing and resources. It needs at least three hosts with pacemaker and corosync, shared storage for the VMs, and a fencing device per host.":
    "KVM Manager zeigt einen Pacemaker/Corosync-Cluster, wenn dieser Host Mitglied eines solchen ist: seine Knoten, das Quorum, das Fencing und die Ressourcen. Dafür braucht es mindestens drei Hosts mit pacemaker und corosync, gemeinsamen Speicher für die VMs und ein Fencing-Gerät je Host.",
  "How to set one up: the cluster guide": "Wie man einen einrichtet: die Cluster-Anleitung",
  "Read at {{time}}; read again every {{seconds}} s.":
    "Gelesen um {{time}}; wird alle {{seconds}} s neu gelesen.",
  "Node": "Knoten",
  "(this host)": "(dieser Host)",
  "Controller": "Koordinator",
  "Yes (DC)": "Ja (DC)",
  "Last fenced": "Zuletzt abgeschaltet",
  "Nodes": "Knoten",
  "No nodes are configured.": "Keine Knoten eingerichtet.",
  "Resource": "Ressource",
  "(asked: {{role}})": "(verlangt: {{role}})",
  "(unmanaged)": "(nicht verwaltet)",
  "Where": "Wo",
  "Group": "Gruppe",
  "Resources: {{total}}; VMs among them (VirtualDomain): {{vms}}.":
    "Ressourcen: {{total}}; davon VMs (VirtualDomain): {{vms}}.",
  "No resources are configured.": "Keine Ressourcen eingerichtet.",
  "Unsafe: {{why}}": "Unsicher: {{why}}",
  "Fencing is on: a lost node is powered off before its VMs start elsewhere.":
    "Fencing ist an: Ein verlorener Knoten wird abgeschaltet, bevor seine VMs anderswo starten.",
  "Fencing devices": "Fencing-Geräte",
  "Device": "Gerät",
  "No fencing devices.": "Keine Fencing-Geräte.",
  "Carried out by": "Ausgeführt von",
  "Recent fencing": "Letzte Abschaltungen",
  "No node has been fenced.": "Kein Knoten wurde abgeschaltet.",
  "Reason": "Grund",
  "Failed actions": "Fehlgeschlagene Aktionen",
  "Online": "Online",
  "Standby": "Standby",
  "Joining": "Tritt bei",
  "Offline": "Offline",
  "Fenced": "Abgeschaltet (Fencing)",
  "Lost, not fenced": "Verloren, nicht abgeschaltet",
  "A member that runs resources": "Ein Mitglied, das Ressourcen ausführt",
  "A member that runs no resources: Pacemaker moved them away":
    "Ein Mitglied ohne Ressourcen: Pacemaker hat sie wegverlagert",
  "Pacemaker neither starts, stops nor monitors resources on this node":
    "Pacemaker startet, stoppt und überwacht auf diesem Knoten keine Ressourcen",
  "Joining the cluster": "Tritt dem Cluster bei",
  "Not a member now": "Derzeit kein Mitglied",
  "Powered off by the cluster's fencing after it was lost":
    "Vom Fencing des Clusters abgeschaltet, nachdem er verloren ging",
  "Lost without fencing yet: its resources cannot start elsewhere until it is fenced":
    "Verloren und noch nicht abgeschaltet: Seine Ressourcen können erst anderswo starten, wenn er abgeschaltet ist",
  "Cluster": "Cluster",
  "High availability through Pacemaker and Corosync: which nodes are members, whether they have quorum, whether a lost node can be fenced, and where each resource runs.":
    "Hochverfügbarkeit mit Pacemaker und Corosync: welche Knoten Mitglied sind, ob sie ein Quorum haben, ob ein verlorener Knoten abgeschaltet werden kann und wo jede Ressource läuft.",
  "Pacemaker's tools are not installed on this host (crm_mon, in Debian's pacemaker-cli-utils): there is no cluster to show.":
    "Die Werkzeuge von Pacemaker sind auf diesem Host nicht installiert (crm_mon, im Debian-Paket pacemaker-cli-utils): Es gibt keinen Cluster zu zeigen.",
  "Pacemaker's status could not be read: {{why}}":
    "Der Zustand von Pacemaker konnte nicht gelesen werden: {{why}}",
  "Pacemaker does not run on this host: this host is in no cluster, or its cluster stack is stopped.":
    "Pacemaker läuft auf diesem Host nicht: Dieser Host gehört zu keinem Cluster, oder sein Cluster-Stack ist gestoppt.",
  "no <pacemaker-result> element": "kein <pacemaker-result>-Element",
  "Fencing is off (stonith-enabled=false): a lost node's VMs are not started elsewhere safely — two copies could write one disk.":
    "Fencing ist aus (stonith-enabled=false): Die VMs eines verlorenen Knotens werden nicht sicher anderswo gestartet – zwei Kopien könnten auf einen Datenträger schreiben.",
  "No fencing device is configured: Pacemaker cannot power off a lost node, so its VMs stay down.":
    "Kein Fencing-Gerät eingerichtet: Pacemaker kann einen verlorenen Knoten nicht abschalten, daher bleiben seine VMs aus.",
  "No fencing device is started: a lost node cannot be powered off.":
    "Kein Fencing-Gerät gestartet: Ein verlorener Knoten kann nicht abgeschaltet werden.",
  "{{name}} is run by the cluster (Pacemaker resource {{resource}}): start, stop and move it through the cluster, not behind Pacemaker's back":
    "{{name}} wird vom Cluster betrieben (Pacemaker-Ressource {{resource}}): Starten, Stoppen und Verschieben über den Cluster, nicht an Pacemaker vorbei",
  "The cluster runs this VM (Pacemaker resource {{resource}}): start, stop and move it through the cluster. Power actions and Delete here are refused.":
    "Der Cluster betreibt diese VM (Pacemaker-Ressource {{resource}}): Starten, Stoppen und Verschieben über den Cluster. Energieaktionen und Löschen werden hier abgelehnt.",
  "A resource id is a letter or _ then up to 99 letters, digits, _ . or -":
    "Eine Ressourcen-ID ist ein Buchstabe oder _, dann bis zu 99 Buchstaben, Ziffern, _ . oder -",
  "action must be start or stop": "action muss start oder stop sein",
  "{{name}} is highly available already (Pacemaker resource {{resource}})":
    "{{name}} ist bereits hochverfügbar (Pacemaker-Ressource {{resource}})",
  "The cluster has a resource named {{resource}} already":
    "Der Cluster hat bereits eine Ressource namens {{resource}}",
  "preferredNode must be a node of the cluster: {{nodes}}":
    "preferredNode muss ein Knoten des Clusters sein: {{nodes}}",
  "This host is not a node of the cluster it sees: run KVM Manager on a cluster node":
    "Dieser Host ist kein Knoten des Clusters, den er sieht: KVM Manager auf einem Cluster-Knoten ausführen",
  "The cluster has no quorum here: Pacemaker takes no new resources until it has":
    "Der Cluster hat hier kein Quorum: Pacemaker nimmt keine neuen Ressourcen an, bis es eines hat",
  "No highly available VM has the resource name {{resource}}":
    "Keine hochverfügbare VM hat den Ressourcennamen {{resource}}",
  "Resource {{resource}} was not made by KVM Manager: change it with Pacemaker's own tools":
    "Ressource {{resource}} wurde nicht von KVM Manager angelegt: mit den Werkzeugen von Pacemaker ändern",
  "No storage pool is marked as shared: mark the pool every node sees at the same path (Cluster page, Shared storage) first":
    "Kein Speicherpool ist als gemeinsam markiert: zuerst den Pool markieren, den jeder Knoten unter demselben Pfad sieht (Seite Cluster, Gemeinsamer Speicher)",
  "{{what}} of {{name}} ({{file}}) is not in a shared pool ({{pools}}): the other nodes could not start the VM":
    "{{what}} von {{name}} ({{file}}) liegt in keinem gemeinsamen Pool ({{pools}}): Die anderen Knoten könnten die VM nicht starten",
  "vm must be a VM name or UUID (1 to 200 characters)":
    "vm muss ein VM-Name oder eine UUID sein (1 bis 200 Zeichen)",
  "preferredNode must be a node name (1 to 100 characters) or null":
    "preferredNode muss ein Knotenname (1 bis 100 Zeichen) oder null sein",
  "priority must be a whole number from 0 to 1000000":
    "priority muss eine ganze Zahl von 0 bis 1000000 sein",
  "{{field}} must be a whole number of seconds from 10 to 3600":
    "{{field}} muss eine ganze Zahl von Sekunden von 10 bis 3600 sein",
  "pools must list up to 64 storage pool names": "pools muss bis zu 64 Speicherpoolnamen auflisten",
  "allowMigrate must be true or false": "allowMigrate muss true oder false sein",
  "Unknown fields {{fields}}; making a VM highly available takes vm, preferredNode, priority, allowMigrate, startTimeoutS and stopTimeoutS_one":
    "Unbekanntes Feld {{fields}}; eine VM hochverfügbar zu machen nimmt vm, preferredNode, priority, allowMigrate, startTimeoutS und stopTimeoutS",
  "Unknown fields {{fields}}; making a VM highly available takes vm, preferredNode, priority, allowMigrate, startTimeoutS and stopTimeoutS_other":
    "Unbekannte Felder {{fields}}; eine VM hochverfügbar zu machen nimmt vm, preferredNode, priority, allowMigrate, startTimeoutS und stopTimeoutS",
  "Unknown fields {{fields}}; shared pools take pools_one":
    "Unbekanntes Feld {{fields}}; gemeinsame Pools nehmen pools",
  "Unknown fields {{fields}}; shared pools take pools_other":
    "Unbekannte Felder {{fields}}; gemeinsame Pools nehmen pools",
  "Pacemaker's tool {{tool}} is not installed on this host":
    "Das Pacemaker-Werkzeug {{tool}} ist auf diesem Host nicht installiert",
  "{{tool}} did not answer within {{seconds}} s: the cluster stack is not responding":
    "{{tool}} hat nicht binnen {{seconds}} s geantwortet: Der Cluster-Stack reagiert nicht",
  "{{tool}} refused: {{words}}": "{{tool}} hat abgelehnt: {{words}}",
  "Shared storage": "Gemeinsamer Speicher",
  "Mark the pools every node sees at the same path (NFS, a cluster file system): an HA VM's disks and definition must be there.":
    "Die Pools markieren, die jeder Knoten unter demselben Pfad sieht (NFS, ein Cluster-Dateisystem): Datenträger und Definition einer HA-VM müssen dort liegen.",
  "This host has no storage pools.": "Dieser Host hat keine Speicherpools.",
  "Save shared pools": "Gemeinsame Pools speichern",
  "{{name}} is highly available now: Pacemaker resource {{resource}}.":
    "{{name}} ist jetzt hochverfügbar: Pacemaker-Ressource {{resource}}.",
  "Make a VM highly available": "Eine VM hochverfügbar machen",
  "VM of this host": "VM dieses Hosts",
  "Preferred node": "Bevorzugter Knoten",
  "None: wherever Pacemaker chooses": "Keiner: wo Pacemaker es wählt",
  "Priority": "Priorität",
  "Higher keeps running when not all VMs can (0 to 1000000)":
    "Höher läuft weiter, wenn nicht alle VMs laufen können (0 bis 1000000)",
  "Move it live when Pacemaker moves it": "Live verschieben, wenn Pacemaker sie verschiebt",
  "Make highly available": "Hochverfügbar machen",
  "Hand back": "Zurückgeben",
  "Make VM highly available": "VM hochverfügbar machen",
  "Start or stop HA VM": "HA-VM starten oder stoppen",
  "Hand back HA VM": "HA-VM zurückgeben",
  "Mark shared pools": "Gemeinsame Pools markieren",
  "{{name}} cannot be made highly available: Pacemaker's VirtualDomain agent needs a VM name of letters, digits, _ . and - only":
    "{{name}} kann nicht hochverfügbar werden: Der VirtualDomain-Agent von Pacemaker braucht einen VM-Namen nur aus Buchstaben, Ziffern, _ . und -",
  "{{folder}} is not a folder only root may use (it is a link, or others may write it): KVM Manager keeps HA VMs' definitions there; remove it and try again":
    "{{folder}} ist kein Ordner, den nur root benutzen darf (ein Link, oder andere dürfen hineinschreiben): KVM Manager legt dort die Definitionen der HA-VMs ab; entfernen und erneut versuchen",
  "Default ({{value}})": "Vorgabe ({{value}})",
  "Add fencing device": "Fencing-Gerät hinzufügen",
  "Add device": "Gerät hinzufügen",
  "Device name": "Gerätename",
  "A Pacemaker resource id: a letter, then letters, digits, _ . or -":
    "Eine Pacemaker-Ressourcen-ID: ein Buchstabe, dann Buchstaben, Ziffern, _ . oder -",
  "Choose an agent": "Agent wählen",
  "Nodes it powers off": "Knoten, die es abschaltet",
  "More parameters ({{n}})": "Weitere Parameter ({{n}})",
  "Remove fencing device {{device}}": "Fencing-Gerät {{device}} entfernen",
  "Pacemaker can no longer power off the nodes only this device covers: their VMs would not be started elsewhere.":
    "Pacemaker kann die Knoten, die nur dieses Gerät abdeckt, nicht mehr abschalten: Ihre VMs würden nicht anderswo gestartet.",
  "Can power off: {{nodes}}": "Kann abschalten: {{nodes}}",
  "Cannot power off: {{nodes}}": "Kann nicht abschalten: {{nodes}}",
  "Pacemaker moves every resource off {{node}} (HA VMs live where they allow it) and starts none there until it is back.":
    "Pacemaker verschiebt alle Ressourcen von {{node}} weg (HA-VMs live, wo sie es erlauben) und startet dort keine, bis er zurück ist.",
  "{{node}} takes resources again; Pacemaker may move some back to it.":
    "{{node}} nimmt wieder Ressourcen an; Pacemaker verschiebt vielleicht einige zurück.",
  "The resources on {{node}} keep running, but Pacemaker no longer watches, starts, stops or moves them.":
    "Die Ressourcen auf {{node}} laufen weiter, aber Pacemaker überwacht, startet, stoppt und verschiebt sie nicht mehr.",
  "Pacemaker watches the resources on {{node}} again; any that stopped meanwhile are started again.":
    "Pacemaker überwacht die Ressourcen auf {{node}} wieder; was inzwischen gestoppt ist, wird wieder gestartet.",
  "Back from standby": "Standby beenden",
  "End maintenance": "Wartung beenden",
  "Actions for node {{node}}": "Aktionen für Knoten {{node}}",
  "{{action}}: {{node}}": "{{action}}: {{node}}",
  "End maintenance mode": "Wartungsmodus beenden",
  "Pacemaker starts watching every resource again and acts on what it finds.":
    "Pacemaker überwacht wieder alle Ressourcen und handelt nach dem, was es vorfindet.",
  "Pacemaker starts, stops and moves nothing anywhere until it ends: a VM whose node dies stays down.":
    "Pacemaker startet, stoppt und verschiebt nirgends etwas, bis er endet: Eine VM, deren Knoten ausfällt, bleibt aus.",
  "Turn fencing off": "Fencing ausschalten",
  "A lost node is no longer powered off first: Pacemaker then cannot start its VMs elsewhere safely. Only for a cluster being set up.":
    "Ein verlorener Knoten wird nicht mehr zuerst abgeschaltet: Pacemaker kann seine VMs dann nicht sicher anderswo starten. Nur für einen Cluster im Aufbau.",
  "Turn fencing on": "Fencing einschalten",
  "Pacemaker powers a lost node off through a fencing device before starting its VMs elsewhere. Test the devices first.":
    "Pacemaker schaltet einen verlorenen Knoten über ein Fencing-Gerät ab, bevor es seine VMs anderswo startet. Die Geräte vorher testen.",
  "action must be standby, unstandby, maintenance or unmaintenance":
    "action muss standby, unstandby, maintenance oder unmaintenance sein",
  "A node name is 1 to 100 characters": "Ein Knotenname hat 1 bis 100 Zeichen",
  "agent must be an installed fence agent: fence_ then letters, digits or _":
    "agent muss ein installierter Fence-Agent sein: fence_, dann Buchstaben, Ziffern oder _",
  "Change cluster node": "Cluster-Knoten ändern",
  "Change cluster options": "Cluster-Optionen ändern",
  "Test fencing device": "Fencing-Gerät testen",
  "Remove fencing device": "Fencing-Gerät entfernen",
  "id must be a letter or _ then up to 99 letters, digits, _ . or - (a Pacemaker resource id)":
    "id muss ein Buchstabe oder _ sein, dann bis zu 99 Buchstaben, Ziffern, _ . oder - (eine Pacemaker-Ressourcen-ID)",
  "hosts must list 1 to 32 node names the device powers off":
    "hosts muss 1 bis 32 Knotennamen nennen, die das Gerät abschaltet",
  "params must be up to 32 names (lowercase letters, digits, _) with text values up to 1024 characters, no control characters":
    "params müssen bis zu 32 Namen (Kleinbuchstaben, Ziffern, _) mit Textwerten bis 1024 Zeichen sein, ohne Steuerzeichen",
  "Unknown fields {{fields}}; a fencing device takes id, agent, hosts and params_one":
    "Unbekanntes Feld {{fields}}; ein Fencing-Gerät nimmt id, agent, hosts und params",
  "Unknown fields {{fields}}; a fencing device takes id, agent, hosts and params_other":
    "Unbekannte Felder {{fields}}; ein Fencing-Gerät nimmt id, agent, hosts und params",
  "fencingEnabled must be true or false": "fencingEnabled muss true oder false sein",
  "maintenanceMode must be true or false": "maintenanceMode muss true oder false sein",
  "Unknown fields {{fields}}; cluster options are fencingEnabled and maintenanceMode_one":
    "Unbekanntes Feld {{fields}}; Cluster-Optionen sind fencingEnabled und maintenanceMode",
  "Unknown fields {{fields}}; cluster options are fencingEnabled and maintenanceMode_other":
    "Unbekannte Felder {{fields}}; Cluster-Optionen sind fencingEnabled und maintenanceMode",
  "The cluster has no node {{node}}: its nodes are {{nodes}}":
    "Der Cluster hat keinen Knoten {{node}}: Seine Knoten sind {{nodes}}",
  "The fence agent {{agent}} gave no metadata":
    "Der Fence-Agent {{agent}} lieferte keine Metadaten",
  "hosts must be nodes of the cluster ({{nodes}}): {{host}} is not":
    "hosts müssen Knoten des Clusters sein ({{nodes}}): {{host}} ist keiner",
  "{{agent}} takes no parameter {{name}} here; it takes {{names}}":
    "{{agent}} nimmt hier keinen Parameter {{name}}; er nimmt {{names}}",
  "{{agent}} needs the parameter {{name}} ({{description}})":
    "{{agent}} braucht den Parameter {{name}} ({{description}})",
  "{{agent}} refused these parameters: {{words}}": "{{agent}} lehnte diese Parameter ab: {{words}}",
  "{{device}} answers": "{{device}} antwortet",
  "{{device}} does not answer: {{words}}": "{{device}} antwortet nicht: {{words}}",
  "The cluster has no fencing device {{device}}": "Der Cluster hat kein Fencing-Gerät {{device}}",
  "VM recovered by the cluster": "VM vom Cluster wiederhergestellt",
  "Cluster node fenced": "Cluster-Knoten abgeschaltet (Fencing)",
  "Pacemaker moved VM": "Pacemaker hat VM verschoben",
  "Pacemaker failed VM over": "Pacemaker hat VM auf anderen Knoten übernommen",
  "Pacemaker restarted VM": "Pacemaker hat VM neu gestartet",
  "Pacemaker fenced node": "Pacemaker hat Knoten abgeschaltet (Fencing)",
  "Enter maintenance mode": "Wartungsmodus einschalten",
  "one of {{choices}}": "eins von {{choices}}",
  "a host name or address (letters, digits, . : -; no spaces, not starting with -)":
    "ein Hostname oder eine Adresse (Buchstaben, Ziffern, . : -; keine Leerzeichen, nicht mit - beginnend)",
  "a user name (letters, digits, . _ @ -)": "ein Benutzername (Buchstaben, Ziffern, . _ @ -)",
  "1 to 256 characters without control characters, not starting with lrm://":
    "1 bis 256 Zeichen ohne Steuerzeichen, nicht mit lrm:// beginnend",
  "a port from 1 to 65535": "ein Port von 1 bis 65535",
  "a whole number up to 999": "eine ganze Zahl bis 999",
  "true or false": "true oder false",
  "a hexadecimal number": "eine Hexadezimalzahl",
  "a URL path starting with /": "ein URL-Pfad, der mit / beginnt",
  "a key file in /root/.ssh (letters, digits, . _ -)":
    "eine Schlüsseldatei in /root/.ssh (Buchstaben, Ziffern, . _ -)",
  "node:plug pairs separated by ;": "Paare knoten:plug, getrennt durch ;",
  "a duration such as 5s": "eine Dauer wie 5s",
  "{{name}} must be {{what}}": "{{name}} muss {{what}} sein",
  "No fence agent {{agent}} is offered here: KVM Manager adds IPMI (fence_ipmilan, fence_idrac, fence_ilo*), Redfish and fence_virsh devices, when Debian's fence-agents is installed; others through Pacemaker's own tools":
    "Kein Fence-Agent {{agent}} wird hier angeboten: KVM Manager fügt IPMI- (fence_ipmilan, fence_idrac, fence_ilo*), Redfish- und fence_virsh-Geräte hinzu, wenn Debians fence-agents installiert ist; andere über die Werkzeuge von Pacemaker",
};
