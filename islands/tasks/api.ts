// The task log's API calls (GET /api/tasks, GET /api/tasks/:id, POST /api/tasks/:id/cancel).

import type { Task, TaskStatus } from "../../shared/tasks.ts";
import { taskCancelPath, taskPath, tasksPath } from "../../shared/api_paths.ts";
import { request } from "../../components/client/api.ts";

export interface TaskQuery {
  limit?: number;
  /** Only tasks older than this one (its id). */
  before?: number;
  status?: TaskStatus;
  target?: string;
}

/** Tasks, newest first. */
export function listTasks(query: TaskQuery = {}): Promise<Task[]> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const qs = params.toString();
  return request<Task[]>("GET", qs ? `${tasksPath()}?${qs}` : tasksPath());
}

export const getTask = (id: number) => request<Task>("GET", taskPath(id));

export const cancelTask = (id: number) => request<Task>("POST", taskCancelPath(id));
