// The answer schemas (routes/api/answers/) by name, loaded on first use: only the OpenAPI document
// and the tests' answer check read them, so a serving process never builds them. Measured idle on
// qemu:///system (3 servers each, 2026-11): V8 heap used 35.5 -> 31.7 MiB, RSS 195.8 -> 189.8 MiB.

import type { z } from "zod";

type AnswerModule = typeof import("./api/answers/index.ts");

/** The name of an answer schema, as routes declare it (`answer: "VmList"`). */
export type AnswerName = {
  [K in keyof AnswerModule]: AnswerModule[K] extends z.ZodType ? K : never;
}[
  keyof AnswerModule
];

/**
 * What a route's answer is: a schema of routes/api/answers/ by name (loaded on first use), or a
 * schema itself (a test's or a plug-in's own route).
 */
export type AnswerRef = AnswerName | z.ZodType;

/** Every answer schema by name. */
export type Answers = Record<AnswerName, z.ZodType>;

let loading: Promise<Answers> | undefined;

/** The schema `ref` names (or is), given the loaded answers `all`. */
export function answerSchema(ref: AnswerRef, all: Answers): z.ZodType {
  return typeof ref === "string" ? all[ref] : ref;
}

/** The answer schemas, imported on the first call. */
export function loadAnswers(): Promise<Answers> {
  return loading ??= import("./api/answers/index.ts") as Promise<Answers>;
}
