// Defining a domain: libvirt validates it against its schema first (where the driver can), and
// its refusals become the API's words: a name taken is NAME_EXISTS, a definition libvirt refuses
// is the request's INVALID_XML, not the server's error.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { ErrorCode, LibvirtError } from "../../ffi/libvirt/error.ts";
import { DefineFlags } from "../../ffi/libvirt/domain.ts";
import { AppError, fromLibvirt, withoutUnsupportedFlag } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";

/**
 * Defines a domain, asking libvirt to validate it against its schema first. Drivers without
 * that flag (the test driver) get a plain define.
 */
export async function defineValidated(
  client: LibvirtClient,
  xml: string,
  failed = t("Failed to create VM"),
): Promise<{ uuid: string; name: string }> {
  try {
    return await withoutUnsupportedFlag(
      (flags) => client.call("domainDefine", xml, flags),
      DefineFlags.VALIDATE,
      DefineFlags.VALIDATE,
    );
  } catch (err) {
    throw defineError(err, failed);
  }
}

function defineError(err: unknown, failed: string): Error {
  if (err instanceof LibvirtError && err.code === ErrorCode.DOM_EXIST) {
    return new AppError("NAME_EXISTS", `${failed}: ${err.message}`, undefined, { cause: err });
  }
  const mapped = fromLibvirt(err, { failed });
  // A definition libvirt refuses is the request's fault, not the server's.
  if (mapped instanceof AppError && mapped.status === 500) {
    return new AppError("INVALID_XML", mapped.message, undefined, { cause: mapped.cause });
  }
  return mapped;
}
