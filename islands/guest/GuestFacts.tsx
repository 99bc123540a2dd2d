// What the guest tells about itself: OS, kernel, hostname, network interfaces with their
// addresses, and filesystem usage.

import type { GuestFilesystem, GuestInfo, GuestInterface } from "../../shared/guest.ts";
import { formatBytes } from "../../components/format.ts";
import { PercentMeter } from "../../components/kit/Meter.tsx";
import { ADDRESS_SOURCES, kernelLabel, osLabel, usedPercent } from "./format.ts";
import { TableScroll } from "../../components/kit/TableScroll.tsx";

export function GuestFacts({ info }: { info: GuestInfo }) {
  const os = osLabel(info.os);
  const kernel = kernelLabel(info.os);
  return (
    <>
      {(os || kernel || info.hostname) && (
        <dl class="props guest-props">
          <dt>OS</dt>
          <dd>{os ?? "—"}</dd>
          <dt>Kernel</dt>
          <dd>{kernel ?? "—"}</dd>
          <dt>Hostname</dt>
          <dd>{info.hostname ?? "—"}</dd>
        </dl>
      )}
      <h3 id="guest-network-title">Network</h3>
      {info.interfaces.length === 0
        ? <p class="muted">No addresses known.</p>
        : <Interfaces interfaces={info.interfaces} source={info.addressSource} />}
      {info.filesystems && (
        <>
          <h3 id="guest-fs-title">Filesystems</h3>
          {info.filesystems.length === 0
            ? <p class="muted">The guest reported no filesystems.</p>
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
      {source && <p class="form-hint">Addresses from: {ADDRESS_SOURCES[source]}</p>}
      <TableScroll label="Guest network">
        <table class="table" aria-labelledby="guest-network-title">
          <thead>
            <tr>
              <th scope="col">Interface</th>
              <th scope="col">MAC</th>
              <th scope="col">Addresses</th>
            </tr>
          </thead>
          <tbody>
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
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

function Filesystems({ filesystems }: { filesystems: GuestFilesystem[] }) {
  return (
    <TableScroll label="Guest file systems">
      <table class="table" aria-labelledby="guest-fs-title">
        <thead>
          <tr>
            <th scope="col">Mount point</th>
            <th scope="col">Device</th>
            <th scope="col">Type</th>
            <th scope="col" class="num">Used</th>
            <th scope="col" class="num">Size</th>
            <th scope="col">Usage</th>
          </tr>
        </thead>
        <tbody>
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
                  {pct === null
                    ? "—"
                    : <PercentMeter percent={pct} label={`Usage of ${fs.mountPoint}`} />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
