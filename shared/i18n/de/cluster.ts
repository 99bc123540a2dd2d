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
  "KVM Manager shows a Pacemaker/Corosync cluster when this host is a member of one: its nodes, quorum, fencing and resources. Setting one up is described in the cluster guide (docs/guide/cluster.md).":
    "KVM Manager zeigt einen Pacemaker/Corosync-Cluster, wenn dieser Host Mitglied eines solchen ist: seine Knoten, das Quorum, das Fencing und die Ressourcen. Wie man einen einrichtet, beschreibt die Cluster-Anleitung (docs/guide/cluster.md).",
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
  "crm_mon did not answer within {{seconds}} s: the cluster stack is not responding":
    "crm_mon hat nicht binnen {{seconds}} s geantwortet: Der Cluster-Stack reagiert nicht",
  "Pacemaker does not run on this host (crm_mon: {{words}}): this host is in no cluster, or its cluster stack is stopped.":
    "Pacemaker läuft auf diesem Host nicht (crm_mon: {{words}}): Dieser Host gehört zu keinem Cluster, oder sein Cluster-Stack ist gestoppt.",
  "not connected": "nicht verbunden",
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
};
