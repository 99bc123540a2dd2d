// Slows password guessing down: every sign-in attempt takes a slot in its address's bucket and
// in its account's bucket when it starts (before PAM is asked), a full bucket is refused, and
// the PAM queue is bounded overall and per address. The queue is fair: each attempt weighs as
// much as the more its address has asked (refused attempts too, but not "busy" refusals) and its
// account has been tried, from every address; the lightest goes to PAM first, and when the
// queue is full a newcomer lighter than a waiting attempt takes that one's place. Guesses from
// many addresses at one account (root, admin) thus weigh as one guesser, and never keep a
// right password for another account out.

import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";

/** Attempts one address (an IPv6 /64) may start in the window; failures keep their slot. */
export const ADDRESS_MAX_ATTEMPTS = 10;
/**
 * Attempts one account name may get in the window, from every address together: above the
 * address limit, so one address alone cannot lock an account's web sign-in for others.
 */
export const ACCOUNT_MAX_ATTEMPTS = 20;
export const WINDOW_MS = 5 * 60_000;
/** Sign-ins waiting for or inside PAM, from everyone together. */
export const MAX_PENDING = 8;
/** Sign-ins in progress (PAM and the failure delay) from one address. */
export const MAX_PENDING_PER_ADDRESS = 2;
/** PAM checks run at once (PamAccounts' worker threads): the rest wait in the queue. */
export const PAM_CHECKS_AT_ONCE = 2;
/** What a refusal for a full queue asks the client to wait: about one PAM check. */
export const PENDING_RETRY_AFTER_S = 3;
/**
 * A failed sign-in is answered no sooner than this after it started, whatever the reason: a
 * wrong password (PAM's own delay, 2 s ± 25 % with pam_unix, lies inside it) and a right one for
 * an account that may not sign in take the same time.
 */
export const FAILURE_DELAY_MS = 3000;
/** How long a sign-in makes its account trusted from its address (weighting, account bucket). */
export const TRUSTED_MS = 30 * 24 * 3_600_000;
// Buckets kept before quiet ones are swept, so the maps cannot grow without bound.
const SWEEP_ABOVE = 10_000;

interface Slot {
  at: number;
  address: string;
  account: string;
}

/** A sign-in in the PAM queue: waiting for its turn, then inside PAM until pamDone. */
interface Queued {
  address: string;
  account: string;
  /** Its slots: taken back when it gives way, since being pushed out is not asking. */
  slots: { asked: Slot; attempt: Slot };
  /** Arrival order: the tie-break for turns, and the newest of equals is the one to give way. */
  seq: number;
  state: "waiting" | "in-pam" | "left";
  turn: PromiseWithResolvers<void>;
}

/** An address or account locked out of sign-in for `seconds`. */
export interface Lockout {
  by: "address" | "account";
  key: string;
  seconds: number;
}

/** One sign-in in progress: tell it when PAM has answered and how the attempt ended. */
export interface Attempt {
  /**
   * Resolves when the attempt may ask PAM; rejects with 429 TOO_MANY_ATTEMPTS when an address
   * that has tried less took its place in a full queue.
   */
  turn(): Promise<void>;
  /** PAM answered: the attempt leaves the PAM queue (idempotent). */
  pamDone(): void;
  /**
   * The attempt ended: a failure keeps its slots, a success frees this account's own. "partial"
   * (a right password whose second step follows) keeps its slots too: only the whole sign-in
   * frees them and trusts the address.
   */
  finish(ok: boolean | "partial"): void;
}

export class LoginLimiter {
  #byAddress = new Map<string, Slot[]>();
  #byAccount = new Map<string, Slot[]>();
  /** Every sign-in asked for by address, refused ones too: who goes to PAM first. */
  #asked = new Map<string, Slot[]>();
  #pendingByAddress = new Map<string, number>();
  /** When each account last signed in from each address ("address account"). */
  #signedIn = new Map<string, number>();
  /** Sign-ins waiting for or inside PAM, in arrival order. */
  #queue: Queued[] = [];
  #seq = 0;
  /**
   * Told when an address or an account is locked out, once per lockout (not at each refused
   * attempt while it lasts): what notifications tell (lib/notify).
   */
  onLockout: ((lockout: Lockout) => void) | null = null;
  /** Until when each told lockout ("address key") lasts. */
  #told = new Map<string, number>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly pamAtOnce = PAM_CHECKS_AT_ONCE,
  ) {}

  /** Tells of `lockout` (see #tell) and answers its 429, worded for what its bucket counts. */
  #lockedOut(lockout: Lockout): AppError {
    this.#tell(lockout);
    const { seconds } = lockout;
    return tooMany(
      lockout.by === "address"
        ? t("Too many sign-in attempts from this address; try again in {{seconds}} s", { seconds })
        : t("Too many sign-in attempts for this account; try again in {{seconds}} s", { seconds }),
      seconds,
    );
  }

  /** Tells onLockout of a lockout not told yet (a refusal while it lasts is not a new one). */
  #tell(lockout: Lockout) {
    const key = `${lockout.by} ${lockout.key}`;
    const now = this.now();
    if ((this.#told.get(key) ?? 0) > now) return;
    if (this.#told.size > 10_000) {
      for (const [k, until] of this.#told) if (until <= now) this.#told.delete(k);
    }
    this.#told.set(key, now + lockout.seconds * 1000);
    try {
      this.onLockout?.(lockout);
    } catch {
      // Telling must never change the refusal.
    }
  }

  /**
   * Reserves a slot for a sign-in of `account` from `address`, or throws 429
   * TOO_MANY_ATTEMPTS with `retryAfter` (seconds) when a bucket or the PAM queue is full.
   */
  begin(address: string, account: string): Attempt {
    const addressKey = addressBucket(address);
    const accountKey = account.toLowerCase();
    const asked: Slot = { at: this.now(), address: addressKey, account: "" };
    this.#push(this.#asked, addressKey, asked);
    if ((this.#pendingByAddress.get(addressKey) ?? 0) >= MAX_PENDING_PER_ADDRESS) {
      const seconds = PENDING_RETRY_AFTER_S;
      throw tooMany(
        t("Sign-ins from this address are already in progress; try again in {{seconds}} s", {
          seconds,
        }),
        seconds,
      );
    }
    const byAddress = this.#wait(this.#byAddress, addressKey, ADDRESS_MAX_ATTEMPTS);
    if (byAddress > 0) {
      throw this.#lockedOut({ by: "address", key: addressKey, seconds: byAddress });
    }
    // An account that signed in from this address before is not locked out of it by guesses
    // from elsewhere; the address's own bucket still holds it.
    const trusted = this.#trusted(addressKey, accountKey);
    const byAccount = trusted ? 0 : this.#wait(this.#byAccount, accountKey, ACCOUNT_MAX_ATTEMPTS);
    if (byAccount > 0) {
      throw this.#lockedOut({ by: "account", key: accountKey, seconds: byAccount });
    }
    if (this.#queue.length >= MAX_PENDING) {
      // A waiting attempt as heavy as this one stays where it is.
      const mine = Math.max(
        this.#tries(addressKey),
        trusted ? 0 : this.#accountTries(accountKey) + 1,
      );
      const giveWay = this.#heaviest(mine);
      if (!giveWay) {
        // Being turned away for others is not asking: retrying must not make it worse.
        this.#unask(addressKey, asked);
        throw busy();
      }
      this.#leave(giveWay);
      this.#unask(giveWay.address, giveWay.slots.asked);
      const pushed = giveWay.slots.attempt;
      this.#forget((s) => s === pushed);
      giveWay.turn.reject(busy());
    }

    const slot: Slot = { at: this.now(), address: addressKey, account: accountKey };
    this.#push(this.#byAddress, addressKey, slot);
    this.#push(this.#byAccount, accountKey, slot);
    this.#pendingByAddress.set(addressKey, (this.#pendingByAddress.get(addressKey) ?? 0) + 1);
    const queued: Queued = {
      address: addressKey,
      account: accountKey,
      slots: { asked, attempt: slot },
      seq: this.#seq++,
      state: "waiting",
      turn: Promise.withResolvers<void>(),
    };
    // A caller that never asks for its turn must not leave a rejection unhandled.
    queued.turn.promise.catch(() => {});
    this.#queue.push(queued);
    this.#next();
    let done = false;
    const pamDone = () => this.#leave(queued);
    return {
      turn: () => queued.turn.promise,
      pamDone,
      finish: (ok) => {
        if (done) return;
        done = true;
        pamDone();
        const left = (this.#pendingByAddress.get(addressKey) ?? 1) - 1;
        if (left > 0) this.#pendingByAddress.set(addressKey, left);
        else this.#pendingByAddress.delete(addressKey);
        // The account's own slots from this address (its owner's typos) go; other accounts'
        // attempts from here, and this account's from elsewhere, keep counting.
        if (ok === true) {
          this.#forget((s) => s.address === addressKey && s.account === accountKey);
          // An address that signed in is asking for itself: its asks no longer weigh.
          this.#asked.delete(addressKey);
          this.#signedIn.set(`${addressKey} ${accountKey}`, this.now());
          if (this.#signedIn.size > SWEEP_ABOVE) {
            for (const key of [...this.#signedIn.keys()].slice(0, SWEEP_ABOVE / 2)) {
              this.#signedIn.delete(key);
            }
          }
        }
      },
    };
  }

  /** Seconds `address` must wait before its next attempt is let in, or 0. */
  retryAfter(address: string): number {
    return this.#wait(this.#byAddress, addressBucket(address), ADDRESS_MAX_ATTEMPTS);
  }

  /** Sign-ins now waiting for or inside PAM. */
  get pending(): number {
    return this.#queue.length;
  }

  /** Sign-ins `address` (a bucket key) asked for in the window, refused ones too. */
  #tries(address: string): number {
    return this.#recent(this.#asked, address).length;
  }

  /** Sign-ins of `account` (lower-cased) begun in the window, from every address. */
  #accountTries(account: string): number {
    return this.#recent(this.#byAccount, account).length;
  }

  /**
   * How heavily a queued attempt weighs: its address's asking or its account's trying, the latter
   * not for an account that signed in from this address before (others' guesses at an account
   * must not push its owner out).
   */
  #weight(q: Queued): number {
    const account = this.#trusted(q.address, q.account) ? 0 : this.#accountTries(q.account);
    return Math.max(this.#tries(q.address), account);
  }

  /** Whether `account` signed in from `address` (bucket keys) within TRUSTED_MS. */
  #trusted(address: string, account: string): boolean {
    const at = this.#signedIn.get(`${address} ${account}`);
    if (at === undefined) return false;
    if (at + TRUSTED_MS > this.now()) return true;
    this.#signedIn.delete(`${address} ${account}`);
    return false;
  }

  /** Takes back an ask that was refused as busy. */
  #unask(address: string, slot: Slot) {
    const kept = this.#recent(this.#asked, address).filter((s) => s !== slot);
    if (kept.length) this.#asked.set(address, kept);
    else this.#asked.delete(address);
  }

  /**
   * The waiting attempt (not yet inside PAM) that weighs most, if more than `weight`; of equals
   * the newest.
   */
  #heaviest(weight: number): Queued | undefined {
    let most: Queued | undefined;
    let mostWeight = weight;
    for (const q of this.#queue) {
      if (q.state !== "waiting") continue;
      const n = this.#weight(q);
      if (n > mostWeight || (n === mostWeight && most && q.seq > most.seq)) {
        most = q;
        mostWeight = n;
      }
    }
    return most;
  }

  /** Lets waiting attempts into PAM while there is room: the lightest first. */
  #next() {
    let inPam = this.#queue.filter((q) => q.state === "in-pam").length;
    while (inPam < this.pamAtOnce) {
      let first: Queued | undefined;
      let fewest = Infinity;
      for (const q of this.#queue) {
        if (q.state !== "waiting") continue;
        const n = this.#weight(q);
        if (n < fewest) [first, fewest] = [q, n];
      }
      if (!first) return;
      first.state = "in-pam";
      inPam++;
      first.turn.resolve();
    }
  }

  /** The attempt leaves the queue (PAM answered, it ended, or it gave way); idempotent. */
  #leave(q: Queued) {
    if (q.state === "left") return;
    q.state = "left";
    this.#queue = this.#queue.filter((other) => other !== q);
    this.#next();
  }

  #wait(map: Map<string, Slot[]>, key: string, max: number): number {
    const recent = this.#recent(map, key);
    if (recent.length < max) return 0;
    const oldest = recent[recent.length - max].at;
    return Math.max(1, Math.ceil((oldest + WINDOW_MS - this.now()) / 1000));
  }

  #recent(map: Map<string, Slot[]>, key: string): Slot[] {
    const since = this.now() - WINDOW_MS;
    const all = map.get(key);
    if (!all) return [];
    const recent = all.filter((s) => s.at > since);
    if (recent.length === 0) map.delete(key);
    else if (recent.length !== all.length) map.set(key, recent);
    return recent;
  }

  #push(map: Map<string, Slot[]>, key: string, slot: Slot) {
    map.set(key, [...this.#recent(map, key), slot]);
    if (map.size > SWEEP_ABOVE) {
      for (const k of [...map.keys()]) this.#recent(map, k);
    }
  }

  #forget(drop: (s: Slot) => boolean) {
    for (const map of [this.#byAddress, this.#byAccount]) {
      for (const [key, slots] of map) {
        const kept = slots.filter((s) => !drop(s));
        if (kept.length === 0) map.delete(key);
        else if (kept.length !== slots.length) map.set(key, kept);
      }
    }
  }
}

/** 429 for a full PAM queue. */
function busy(): AppError {
  const seconds = PENDING_RETRY_AFTER_S;
  return tooMany(
    t("The server is busy checking other sign-ins; try again in {{seconds}} s", { seconds }),
    seconds,
  );
}

/** `message` says why and when to try again: one whole sentence per reason. */
function tooMany(message: string, retryAfter: number): AppError {
  return new AppError("TOO_MANY_ATTEMPTS", message, { retryAfter });
}

/**
 * The bucket an address counts in: an IPv4 address itself, an IPv6 address's /64 (one host
 * usually holds a whole /64, so single addresses would be free for the taking).
 */
export function addressBucket(address: string): string {
  const a = address.toLowerCase().replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (!a.includes(":")) return a;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return mapped[1];
  const [head, tail] = a.split("::");
  const left = head ? head.split(":") : [];
  const right = tail === undefined ? [] : tail ? tail.split(":") : [];
  const groups = tail === undefined
    ? left
    : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return `${groups.slice(0, 4).map((g) => (g || "0").replace(/^0+(?=.)/, "")).join(":")}::/64`;
}
