/**
 * How every bin/yinfeng process stops on SIGTERM (systemd, a container runtime, `kill`) and SIGINT (Ctrl-C).
 *
 * One pair of handlers for the whole process (installed by main.ts before any command runs):
 * - a command that can stop by itself registers a stop handler (`onStopSignal`): serve closes the
 *   server, the runners and the database and returns; an enterprise import cancels its job (rolled back);
 * - otherwise (a short command, or any command while its database is still opening) the databases
 *   opened through `trackDatabase` are closed — after the one being opened has finished opening, and
 *   for at most CLOSE_GRACE_MS — and the process exits with 128 + the signal's number (130, 143): the
 *   command did not finish.
 * Repeated signals (a terminal sends SIGINT to the whole process group, so npm, scripts/start.mjs and
 * the server each pass it on) do not cut a clean stop short; a stop that takes longer than
 * STOP_TIMEOUT_MS ends the process with exit code 1. The embedded data directory's lock file is
 * removed on every exit (see data-dir-lock.ts).
 */
import { constants } from 'node:os';

export const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

/** How long a stop may take before the process exits anyway (systemd's default before SIGKILL is 90 s). */
export const STOP_TIMEOUT_MS = 60_000;

/** Thrown by a command that noticed a stop request before it began its work. */
export class StopRequested extends Error {
  constructor(readonly signal: StopSignal) {
    super(`收到 ${signal}，已停止`);
    this.name = 'StopRequested';
  }
}

type StopHandler = (signal: StopSignal) => void;
type Closer = () => Promise<void>;

const handlers = new Set<StopHandler>();
const closers = new Set<Closer>();
const opening = new Set<Promise<unknown>>();
let requested: StopSignal | null = null;
let installed = false;

/** The exit code of a command that was stopped before it finished: 128 + the signal's number. */
export function exitCodeForSignal(signal: StopSignal): number {
  return 128 + constants.signals[signal];
}

/** The signal that asked this process to stop, or null. */
export function stopRequested(): StopSignal | null {
  return requested;
}

/** Throws StopRequested when a stop was asked for (a check between the steps of a start-up). */
export function throwIfStopRequested(): void {
  if (requested) throw new StopRequested(requested);
}

/** Registers what this command does when asked to stop; returns the unregister function. */
export function onStopSignal(handler: StopHandler): () => void {
  handlers.add(handler);
  if (requested) queueMicrotask(() => handler(requested as StopSignal));
  return () => handlers.delete(handler);
}

/** An opened database to close if the process has to stop; returns the untrack function. */
export function trackDatabase(close: Closer): () => void {
  closers.add(close);
  return () => closers.delete(close);
}

/** A database being opened: a stop waits for it to finish opening, then closes it. */
export async function trackOpening<T>(open: Promise<T>): Promise<T> {
  opening.add(open);
  try {
    return await open;
  } finally {
    opening.delete(open);
  }
}

/**
 * How long a stopped command's databases may take to close. A close waits for the statement under way
 * (PGlite and pg's pool both do): a short command's ends at once; a long one (a whole project import
 * in one transaction) is not waited for — the process exits and its transaction is rolled back (the
 * server drops it with the connection; PGlite's recovery at the next open discards it).
 */
export const CLOSE_GRACE_MS = 5_000;

async function closeAllAndExit(signal: StopSignal): Promise<void> {
  await Promise.allSettled([...opening]);
  await new Promise((resolve) => setImmediate(resolve)); // the opener registers what it opened
  const grace = new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS));
  await Promise.race([Promise.allSettled([...closers].map((close) => close())), grace]);
  process.exit(exitCodeForSignal(signal));
}

function handleSignal(signal: StopSignal): void {
  if (requested) return; // already stopping: a repeated signal does not cut the clean stop short
  requested = signal;
  const watchdog = setTimeout(() => {
    console.error(`停止超时（${STOP_TIMEOUT_MS / 1000} 秒），强制退出。`);
    process.exit(1);
  }, STOP_TIMEOUT_MS);
  watchdog.unref();
  if (handlers.size > 0) {
    for (const handler of handlers) handler(signal);
    return;
  }
  process.stderr.write(`\n收到 ${signal}，正在停止……\n`);
  void closeAllAndExit(signal);
}

/** Installs the process's SIGINT and SIGTERM handlers (once). */
export function installStopSignals(): void {
  if (installed) return;
  installed = true;
  for (const signal of STOP_SIGNALS) process.on(signal, () => handleSignal(signal));
}
