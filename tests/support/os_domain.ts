// Test-driver domain XML with the OS metadata our create wizard writes (ours and libosinfo's),
// virt-install's (libosinfo's only), or none: for the VM list's OS column.

import { KVMM_NAMESPACE } from "../../lib/xml/domain_parse.ts";
import { LIBOSINFO_NAMESPACE } from "../../lib/xml/domain_build.ts";

/** A small stopped test-driver domain; `uuid` to redefine one that exists. */
export function domainWithOs(
  name: string,
  { variant, osinfoId, uuid }: { variant?: string; osinfoId?: string; uuid?: string } = {},
): string {
  const ours = variant
    ? `<kvmm:vm xmlns:kvmm='${KVMM_NAMESPACE}'><kvmm:os type='linux' variant='${variant}'/></kvmm:vm>`
    : "";
  const theirs = osinfoId
    ? `<libosinfo:libosinfo xmlns:libosinfo='${LIBOSINFO_NAMESPACE}'>
        <libosinfo:os id='${osinfoId}'/></libosinfo:libosinfo>`
    : "";
  return `<domain type='test'><name>${name}</name>${uuid ? `<uuid>${uuid}</uuid>` : ""}
    <memory unit='MiB'>64</memory>
    ${ours || theirs ? `<metadata>${ours}${theirs}</metadata>` : ""}
    <os><type arch='x86_64'>hvm</type></os></domain>`;
}
