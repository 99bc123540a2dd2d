// What the task log routes answer (routes/api/tasks.ts).

import { z } from "zod";
import type * as T from "../../../shared/tasks.ts";
import { describes } from "./describes.ts";

export const Task = describes<T.Task>()(
  z.object({
    id: z.number().int(),
    action: z.string().meta({ description: 'As the audit log names it: "vm.start"' }),
    title: z.string().meta({ description: 'In a user\'s words: "Start"' }),
    user: z.string().meta({
      description: 'Who started it (for an API token, the account that owns it), or "scheduler"',
    }),
    target: z.object({
      kind: z.enum([
        "vm",
        "pool",
        "volume",
        "network",
        "template",
        "profile",
        "schedule",
        "backup",
        "host",
        "vms",
      ]),
      id: z.string().meta({ description: "The object's id as its page URL takes it" }),
      name: z.string(),
    }).nullable(),
    hostId: z.string().meta({ description: "The host (/api/hosts id) it ran on" }),
    startedAt: z.number().meta({ description: "Milliseconds since the epoch" }),
    endedAt: z.number().nullable(),
    progress: z.number().nullable().meta({ description: "0 to 1 when reported" }),
    status: z.enum(["running", "succeeded", "failed", "cancelled"]),
    message: z.string().nullable().meta({
      description: "The error's words on failure, a short result on success, progress words " +
        "while running, else null",
    }),
    code: z.string().nullable().meta({ description: "The error code on failure" }),
    cancellable: z.boolean().meta({ description: "Whether POST /api/tasks/{id}/cancel can now" }),
  }).meta({ id: "Task" }),
);

export const TaskList = describes<T.Task[]>()(z.array(Task).meta({ id: "TaskList" }));

export const TaskQemuLog = describes<T.TaskQemuLog>()(
  z.object({
    vm: z.string().nullable().meta({ description: "null when the task concerns no single VM" }),
    lines: z.array(z.string()),
    tail: z.boolean().meta({
      description: "The log has no timestamps and `lines` are its last lines",
    }),
    note: z.string().nullable().meta({ description: "Why there are no lines" }),
  }).meta({ id: "TaskQemuLog" }),
);
