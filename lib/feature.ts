// A feature that plugs into the composition root (compose.ts): it declares the services it makes
// for a host, whether they are made per host or once for the server, its background work, its
// close and its task titles. Its routes are declared above lib/, beside it in the one feature list
// (routes/features.ts). What it is made from (P) is the composition's FeatureParts
// (lib/context.ts). A feature is made on first use: the first request, page or other service
// that asks for it, or at start when `startsOn` says its settings want its background work.

import { type BackgroundTask, startTasks, stopTasks } from "./background.ts";
import { addTaskTitles } from "./tasks/titles.ts";

/** A feature's services with what runs beside them. */
export interface Made<S> {
  services: S;
  /** Started when the host's background work starts, or at once when made later. */
  background?: BackgroundTask[];
  /** Called when the host's services close, after its background work stopped. */
  close?(): Promise<void> | void;
}

export interface Feature<S, P = unknown> {
  /** One word, for messages ("restic"). */
  name: string;
  /**
   * "host": made in each host's composition, over that host's client and store. "app": made
   * once, by the local host's composition, and shared with every remote host's.
   */
  scope: "host" | "app";
  make(parts: P): Made<S>;
  /**
   * Whether to make it when the host's background work starts, rather than on first use: when
   * its settings want background work (a repository whose checks run on a schedule).
   */
  startsOn?(parts: P): boolean;
  /** Task titles of its routes' audit actions (lib/tasks/titles.ts), in English, marked tKey. */
  titles?: Record<string, string>;
}

/** A feature's declaration, typed by the services it makes. */
export function feature<S, P>(declared: Feature<S, P>): Feature<S, P> {
  return declared;
}

/**
 * One host's features, each made on first `get`. Made in order of first use and closed in the
 * reverse order; an app-wide feature is asked of the local host's set (`shared`).
 */
export class FeatureSet<P> {
  readonly #features: readonly Feature<unknown, P>[];
  readonly #parts: () => P;
  readonly #shared: FeatureSet<P> | null;
  /** What is made, by feature name: the list's entries may be copies (routes/plug.ts). */
  readonly #made = new Map<string, Made<unknown>>();
  /** What to do with a feature's services once made (whenMade), by feature name. */
  readonly #onMade = new Map<string, ((services: unknown) => void)[]>();
  #started = false;
  #closed = false;

  constructor(
    features: readonly Feature<unknown, P>[],
    { parts, shared = null }: { parts: () => P; shared?: FeatureSet<P> | null },
  ) {
    this.#features = features;
    this.#parts = parts;
    this.#shared = shared;
    const names = new Set<string>();
    for (const f of features) {
      if (names.has(f.name)) throw new Error(`two features are named ${f.name}`);
      names.add(f.name);
      if (f.titles) addTaskTitles(f.titles);
    }
  }

  /** The features plugged in, in list order (routes/app.ts mounts their routes from it). */
  get all(): readonly Feature<unknown, P>[] {
    return this.#features;
  }

  /** The names of the features made so far, in order of first use. */
  get made(): string[] {
    return [...this.#made.keys()];
  }

  /** Whether `feature` is plugged in. */
  has(feature: Feature<unknown, P>): boolean {
    return this.#features.some((f) => f.name === feature.name);
  }

  /** The services of `feature`, made now when this is their first use. */
  get<S>(feature: Feature<S, P>): S {
    if (feature.scope === "app" && this.#shared) return this.#shared.get(feature);
    const made = this.#made.get(feature.name) ?? this.#make(feature);
    return made.services as S;
  }

  /**
   * The services of `feature` as an object made on its first use: what a route hands its handlers,
   * so that building the routes makes no feature.
   */
  lazy<S extends object>(feature: Feature<S, P>): S {
    return new Proxy({} as S, {
      get: (_, key) => {
        const services = this.get(feature);
        const value = Reflect.get(services, key, services);
        return typeof value === "function" ? value.bind(services) : value;
      },
    });
  }

  /**
   * Calls `fn` with the services of `feature` when they are made, now if they are: for what the
   * server tells a feature at start without making it (its own address, to notifications).
   */
  whenMade<S>(feature: Feature<S, P>, fn: (services: S) => void): void {
    if (feature.scope === "app" && this.#shared) return this.#shared.whenMade(feature, fn);
    const made = this.#made.get(feature.name);
    if (made) return fn(made.services as S);
    const waiting = this.#onMade.get(feature.name) ?? [];
    waiting.push(fn as (services: unknown) => void);
    this.#onMade.set(feature.name, waiting);
  }

  #make<S>(feature: Feature<S, P>): Made<S> {
    if (!this.has(feature)) throw new Error(`the ${feature.name} feature is not plugged in`);
    if (this.#closed) throw new Error(`the ${feature.name} feature is asked for after close`);
    const made = feature.make(this.#parts());
    this.#made.set(feature.name, made);
    for (const fn of this.#onMade.get(feature.name) ?? []) fn(made.services);
    this.#onMade.delete(feature.name);
    if (this.#started) startTasks(made.background ?? []);
    return made;
  }

  /** Starts the background work of what is made, and makes what its settings want running. */
  start(): void {
    for (const f of this.#features) {
      if (f.scope === "app" && this.#shared) continue;
      if (!this.#made.has(f.name) && f.startsOn?.(this.#parts())) this.#make(f);
    }
    for (const made of this.#made.values()) startTasks(made.background ?? []);
    this.#started = true;
  }

  /** Stops and closes what was made, last made first. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const made of [...this.#made.values()].reverse()) {
      await stopTasks(made.background ?? []);
      await made.close?.();
    }
  }
}
