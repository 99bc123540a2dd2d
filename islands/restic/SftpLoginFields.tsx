// How ssh logs in to an SFTP repository: the key file, known hosts file and port fields the Add
// form and the Edit dialog share, and what they send (a blank field is null: ssh's default).

import { draftFields } from "../../components/kit/FormFieldsDraft.tsx";
import { heldDraft } from "../../components/kit/use_form.ts";
import { t } from "../../shared/i18n/t.ts";

export interface SftpLogin {
  keyFile: string;
  knownHostsFile: string;
  port: string;
}

/** A field's text trimmed, or null when blank: the server keeps its default. */
export const orNull = (s: string) => s.trim() === "" ? null : s.trim();

export const sftpLoginOf = (repo: {
  keyFile: string | null;
  knownHostsFile: string | null;
  port: number | null;
}): SftpLogin => ({
  keyFile: repo.keyFile ?? "",
  knownHostsFile: repo.knownHostsFile ?? "",
  port: repo.port === null ? "" : String(repo.port),
});

/** The login as the API takes it. */
export const sftpLoginInput = (d: SftpLogin) => ({
  keyFile: orNull(d.keyFile),
  knownHostsFile: orNull(d.knownHostsFile),
  port: d.port.trim() === "" ? null : Number(d.port),
});

interface Props {
  /** "repo" gives the ids repo-key-file, repo-known-hosts and repo-port. */
  prefix: string;
  login: SftpLogin;
  set: (change: Partial<SftpLogin>) => void;
  /** A new repository's form: a hint under each file and the port's range (1–65535). */
  explained?: boolean;
}

export function SftpLoginFields({ prefix, login, set, explained = false }: Props) {
  const field = draftFields(heldDraft(login, set), prefix);
  return (
    <div class="field-row">
      {field.text("keyFile", {
        id: "key-file",
        label: t("Key file"),
        hint: explained ? t("The private key ssh uses.") : undefined,
      })}
      {field.text("knownHostsFile", {
        id: "known-hosts",
        label: t("Known hosts file"),
        hint: explained ? t("Holds the server's key; empty: accept it the first time.") : undefined,
      })}
      {field.text("port", {
        label: t("Port"),
        type: "number",
        min: explained ? 1 : undefined,
        max: explained ? 65535 : undefined,
        placeholder: "22",
      })}
    </div>
  );
}
