// Browser calls of the schedules API.

import type {
  Schedule,
  ScheduleInput,
  ScheduleRun,
  ScheduleTiming,
} from "../../shared/scheduler.ts";
import { request } from "../client/api.ts";

const path = (id: string) => `/api/schedules/${encodeURIComponent(id)}`;

export const listSchedules = () =>
  request<{ schedules: Schedule[] }>("GET", "/api/schedules").then((r) => r.schedules);
export const createSchedule = (input: ScheduleInput) =>
  request<Schedule>("POST", "/api/schedules", input);
export const updateSchedule = (id: string, input: ScheduleInput) =>
  request<Schedule>("PUT", path(id), input);
export const deleteSchedule = (id: string) => request<void>("DELETE", path(id));
export const runSchedule = (id: string) => request<{ runId: number }>("POST", `${path(id)}/run`);
export const listRuns = (id: string, limit = 50) =>
  request<{ runs: ScheduleRun[] }>("GET", `${path(id)}/runs?limit=${limit}`).then((r) => r.runs);
export const previewTiming = (timing: ScheduleTiming, timezone: string) =>
  request<{ next: string[]; timezone: string }>("POST", "/api/schedules/preview", {
    timing,
    timezone,
  });
