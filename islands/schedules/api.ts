// Browser calls of the schedules API.

import type {
  Schedule,
  ScheduleInput,
  ScheduleRun,
  ScheduleTiming,
} from "../../shared/scheduler.ts";
import {
  schedulePath,
  scheduleRunPath,
  scheduleRunsPath,
  schedulesPath,
  schedulesPreviewPath,
} from "../../shared/api_paths.ts";
import { request } from "../../components/client/api.ts";

export const listSchedules = () =>
  request<{ schedules: Schedule[] }>("GET", schedulesPath()).then((r) => r.schedules);
export const createSchedule = (input: ScheduleInput) =>
  request<Schedule>("POST", schedulesPath(), input);
export const updateSchedule = (id: string, input: ScheduleInput) =>
  request<Schedule>("PUT", schedulePath(id), input);
export const deleteSchedule = (id: string) => request<void>("DELETE", schedulePath(id));
export const runSchedule = (id: string) => request<{ runId: number }>("POST", scheduleRunPath(id));
export const listRuns = (id: string, limit = 50) =>
  request<{ runs: ScheduleRun[] }>("GET", `${scheduleRunsPath(id)}?limit=${limit}`).then((r) =>
    r.runs
  );
export const previewTiming = (timing: ScheduleTiming, timezone: string) =>
  request<{ next: string[]; timezone: string }>("POST", schedulesPreviewPath(), {
    timing,
    timezone,
  });
