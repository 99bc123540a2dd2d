// The firewall's rules as a table of small controls, in the order they match: action, direction,
// protocol, port (TCP and UDP only), the other side's address, the IP version (an address says
// its own), a comment; each row moved up or down or removed, and "Add rule" at the end. Each
// control is named by its column and rule.

import {
  FIREWALL_ACTIONS,
  FIREWALL_DIRECTIONS,
  FIREWALL_PROTOCOLS,
  type FirewallFamily,
  type FirewallRule,
  remoteFamily,
} from "../../shared/vm_firewall.ts";
import { type Column, DataTable } from "../../components/kit/table/mod.ts";
import { Button } from "../../components/kit/Button.tsx";
import { t, tKey } from "../../shared/i18n/t.ts";

const WORDS: Record<string, string> = {
  accept: tKey("Accept"),
  drop: tKey("Drop"),
  reject: tKey("Reject"),
  in: tKey("In"),
  out: tKey("Out"),
  tcp: "TCP",
  udp: "UDP",
  icmp: "ICMP",
  all: tKey("All"),
};

/** The IP version choice: both unless the rule is kept to one. */
const FAMILY_CHOICES: { value: FirewallFamily | ""; label: string }[] = [
  { value: "", label: tKey("IPv4 and IPv6") },
  { value: "ipv4", label: tKey("IPv4") },
  { value: "ipv6", label: tKey("IPv6") },
];
const word = (w: string) => (w === "tcp" || w === "udp" || w === "icmp" ? WORDS[w] : t(WORDS[w]));

interface Props {
  rules: FirewallRule[];
  onChange: (rules: FirewallRule[]) => void;
}

/** What "Add rule" adds: incoming TCP accepted, its port still to fill. */
const NEW_RULE: FirewallRule = { action: "accept", direction: "in", protocol: "tcp", port: "" };

interface Row {
  index: number;
  rule: FirewallRule;
}

export function RuleRows({ rules, onChange }: Props) {
  const edit = (i: number, patch: Partial<FirewallRule>) =>
    onChange(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...rules];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    onChange(next);
  };
  const n = (row: Row) => row.index + 1;
  const select =
    (key: "action" | "direction" | "protocol", values: readonly string[], label: string) =>
    (row: Row) => (
      <select
        aria-label={t("{{column}} of rule {{n}}", { column: label, n: n(row) })}
        value={row.rule[key]}
        onChange={(e) => edit(row.index, { [key]: e.currentTarget.value } as Partial<FirewallRule>)}
      >
        {values.map((v) => <option key={v} value={v}>{word(v)}</option>)}
      </select>
    );
  const text =
    (key: "port" | "remote" | "comment", label: string, placeholder: string) => (row: Row) => (
      <input
        type="text"
        aria-label={t("{{column}} of rule {{n}}", { column: label, n: n(row) })}
        placeholder={placeholder}
        size={key === "port" ? 7 : key === "remote" ? 18 : 12}
        disabled={key === "port" && row.rule.protocol !== "tcp" && row.rule.protocol !== "udp"}
        value={row.rule[key] ?? ""}
        onInput={(e) => edit(row.index, { [key]: e.currentTarget.value })}
      />
    );
  // An address keeps the rule to its own version: the choice shows it and waits.
  const familySelect = (row: Row) => {
    const implied = row.rule.remote ? remoteFamily(row.rule.remote.trim()) : null;
    return (
      <select
        aria-label={t("{{column}} of rule {{n}}", { column: t("IP version"), n: n(row) })}
        value={implied ?? row.rule.family ?? ""}
        disabled={implied !== null}
        onChange={(e) => {
          const value = e.currentTarget.value as FirewallFamily | "";
          const { family: _, ...rest } = row.rule;
          onChange(
            rules.map((
              r,
              j,
            ) => (j === row.index ? (value ? { ...rest, family: value } : rest) : r)),
          );
        }}
      >
        {FAMILY_CHOICES.map((c) => <option key={c.value} value={c.value}>{t(c.label)}</option>)}
      </select>
    );
  };
  const columns: Column<Row>[] = [
    { id: "n", header: "#", cell: (row) => n(row), numeric: true },
    { id: "action", header: t("Action"), cell: select("action", FIREWALL_ACTIONS, t("Action")) },
    {
      id: "direction",
      header: t("Direction"),
      cell: select("direction", FIREWALL_DIRECTIONS, t("Direction")),
    },
    {
      id: "protocol",
      header: t("Protocol"),
      cell: select("protocol", FIREWALL_PROTOCOLS, t("Protocol")),
    },
    { id: "port", header: t("Port"), cell: text("port", t("Port"), "22") },
    { id: "remote", header: t("Other side"), cell: text("remote", t("Other side"), t("any")) },
    { id: "family", header: t("IP version"), cell: familySelect },
    { id: "comment", header: t("Comment"), cell: text("comment", t("Comment"), "") },
    {
      id: "row",
      header: t("Order"),
      headerHidden: true,
      class: "row-actions",
      cell: (row) => (
        <span>
          <Button
            small
            aria-label={t("Move rule {{n}} up", { n: n(row) })}
            disabled={row.index === 0}
            onClick={() => move(row.index, -1)}
          >
            ↑
          </Button>
          <Button
            small
            aria-label={t("Move rule {{n}} down", { n: n(row) })}
            disabled={row.index === rules.length - 1}
            onClick={() => move(row.index, 1)}
          >
            ↓
          </Button>
          <Button
            small
            aria-label={t("Remove rule {{n}}", { n: n(row) })}
            onClick={() => onChange(rules.filter((_, j) => j !== row.index))}
          >
            {t("Remove")}
          </Button>
        </span>
      ),
    },
  ];
  return (
    <>
      <DataTable
        label={t("Firewall rules")}
        rows={rules.map((rule, index) => ({ index, rule }))}
        rowKey={(row) => String(row.index)}
        columns={columns}
        empty={t("No rules: the policies decide.")}
        class="firewall-rules"
      />
      <p>
        <Button onClick={() => onChange([...rules, { ...NEW_RULE }])}>{t("Add rule")}</Button>
      </p>
    </>
  );
}
