// What the guest tells about itself: OS, kernel, hostname, network interfaces with their
// addresses, and filesystem usage; and, when it said more than KVM Manager keeps
// (lib/guest/bounds.ts), that it did.

import type { ComponentChildren } from "preact";
import type { GuestFilesystem, GuestInfo, GuestInterface } from "../../shared/guest.ts";
import { formatBytes } from "../../shared/format.ts";
import { PercentMeter } from "../../components/kit/Meter.tsx";
import { ADDRESS_SOURCES, kernelLabel, osLabel, usedPercent } from "./format.ts";
import { TableScroll } from "../../components/kit/TableScroll.tsx";
import { Notice } from "../../components/kit/Notice.tsx";
import { t } from "../../shared/i18n/t.ts";

export function GuestFacts({ info }: { info: GuestInfo }) {
  const os = osLabel(info.os);
  const kernel = kernelLabel(info.os);
  return (
    <>
      {info.cut?.length > 0 && (
        <Notice tone="warning" id="guest-cut">
          {t("The guest reported more than is kept: {{what}}", { what: info.cut.join("; ") })}
        </Notice>
      )}
      {(os || kernel || info.hostname) && (
        <dl class="props guest-props">
          <dt>{t("OS")}</dt>
          <dd>{os ?? "—"}</dd>
          <dt>{t("Kernel")}</dt>
          <dd>{kernel ?? "—"}</dd>
          <dt>{t("Hostname")}</dt>
          <dd>{info.hostname ?? "—"}</dd>
        </dl>
      )}
      <h3 id="guest-network-title">{t("Network")}</h3>
      {info.interfaces.length === 0
        ? <p class="muted">{t("No addresses known.")}</p>
        : <Interfaces interfaces={info.interfaces} source={info.addressSource} />}
      {info.filesystems && (
        <>
          <h3 id="guest-fs-title">{t("Filesystems")}</h3>
          {info.filesystems.length === 0
            ? <p class="muted">{t("The guest reported no filesystems.")}</p>
            : <Filesystems filesystems={info.filesystems} />}
        </>
      )}
    </>
  );
}

function Interfaces(
  { interfaces, source }: { interfaces: GuestInterface[]; source: GuestInfo["addressSource"] },
) {
  return (
    <>
      {source && (
        <p class="form-hint">
          {t("Addresses from: {{source}}", { source: t(ADDRESS_SOURCES[source]) })}
        </p>
      )}
      <GuestTable
        label={t("Guest network")}
        labelledBy="guest-network-title"
        headers={[t("Interface"), t("MAC"), t("Addresses")]}
      >
        {interfaces.map((i) => (
          <tr key={`${i.name}-${i.mac}`}>
            <td>{i.name}</td>
            <td>{i.mac ? <code>{i.mac}</code> : "—"}</td>
            <td>
              {i.addresses.length === 0 ? "—" : (
                <ul class="guest-addresses">
                  {i.addresses.map((a) => (
                    <li key={a.address}>
                      <code>{a.address}/{a.prefix}</code>
                    </li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </GuestTable>
    </>
  );
}

function Filesystems({ filesystems }: { filesystems: GuestFilesystem[] }) {
  return (
    <GuestTable
      label={t("Guest file systems")}
      labelledBy="guest-fs-title"
      headers={[t("Mount point"), t("Device"), t("Type"), t("Used"), t("Size"), t("Usage")]}
      numberColumns={[3, 4]}
    >
      {filesystems.map((fs) => {
        const pct = usedPercent(fs);
        return (
          <tr key={`${fs.mountPoint}-${fs.device}`}>
            <td>
              <code>{fs.mountPoint || "—"}</code>
            </td>
            <td>{fs.device || "—"}</td>
            <td>{fs.fsType || "—"}</td>
            <td class="num">{formatBytes(fs.usedBytes)}</td>
            <td class="num">{formatBytes(fs.totalBytes)}</td>
            <td>
              {pct === null ? "—" : (
                <PercentMeter
                  percent={pct}
                  label={t("Usage of {{mountPoint}}", { mountPoint: fs.mountPoint })}
                />
              )}
            </td>
          </tr>
        );
      })}
    </GuestTable>
  );
}

interface GuestTableProps {
  /** The scrolling region's name; the table itself is named by its heading. */
  label: string;
  labelledBy: string;
  headers: string[];
  /** Which columns (from 0) hold numbers, right-aligned. */
  numberColumns?: number[];
  children: ComponentChildren;
}

/** A small fixed table of what the guest reported, scrolling sideways on a phone. */
function GuestTable(
  { label, labelledBy, headers, numberColumns = [], children }: GuestTableProps,
) {
  return (
    <TableScroll label={label}>
      <table class="table" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            {headers.map((h, i) => (
              <th key={h} scope="col" class={numberColumns.includes(i) ? "num" : undefined}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableScroll>
  );
}
