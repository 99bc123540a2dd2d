// A repository job where it was started: "Check started" with a link to its task (which logs
// its progress), then, once the job ends, its outcome — an error in the API's words.

import { useEffect, useState } from "preact/hooks";
import type { ResticJob } from "../../shared/restic.ts";
import { withHost } from "../../components/client/host.ts";
import { errorMessage } from "../../components/client/api.ts";
import { getJob } from "./api.ts";
import { finishedText, startedText } from "./format.ts";
import { t } from "../../shared/i18n/t.ts";

const POLL_MS = 1000;

interface Props {
  job: ResticJob;
  /** What the job is about, before its words ("offsite: Check started."). */
  subject?: string;
  /** Told once when the job ends (to reload what it changed). */
  onDone?: (job: ResticJob) => void;
}

export function JobNote({ job: started, subject, onDone }: Props) {
  const [job, setJob] = useState(started);
  const [pollError, setPollError] = useState<string | null>(null);
  useEffect(() => {
    setJob(started);
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const now = await getJob(started.id);
        if (stop) return;
        setJob(now);
        if (now.status === "running") timer = setTimeout(poll, POLL_MS);
        else onDone?.(now);
      } catch (err) {
        if (!stop) setPollError(errorMessage(err));
      }
    };
    if (started.status === "running") timer = setTimeout(poll, POLL_MS);
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [started.id]);

  const about = subject && (
    <>
      <strong>{subject}:</strong>
      {" "}
    </>
  );
  const task = job.taskId !== null && (
    <>
      {" "}
      <a href={withHost(`/tasks?id=${job.taskId}`)}>{t("Task details")}</a>
    </>
  );
  if (job.status === "running") {
    return (
      <div class="note note-success" role="status" data-job={job.id} data-job-status="running">
        {about}
        <span>{startedText(job.kind)}</span>
        {task}
        {pollError && <span class="form-error">{pollError}</span>}
      </div>
    );
  }
  const ok = job.status === "succeeded";
  return (
    <div
      class={ok ? "note note-success" : "note note-error"}
      role={ok ? "status" : "alert"}
      data-job={job.id}
      data-job-status={job.status}
    >
      {about}
      <span>{finishedText(job)}</span>
      {task}
    </div>
  );
}
