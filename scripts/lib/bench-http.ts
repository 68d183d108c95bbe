/**
 * The HTTP side of the load benchmarks (bench:load, bench:replica): the real server in a child process,
 * requests over keep-alive sockets, logins of the demo accounts, and closed-loop phases — every connection
 * sends its next request when the last one is answered — tallied per endpoint.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD } from '../../src/seed/demo';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const loadavg = (): string => os.loadavg().map((l) => l.toFixed(2)).join(' ');

export function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)] as T;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

// ---- requests -------------------------------------------------------------------------------------

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

export interface Answer {
  status: number; // 0: network error, -1: client timeout
  body: string;
  headers: http.IncomingHttpHeaders;
}

export function send(opts: { port: number; method: string; path: string; cookie?: string; body?: unknown; timeoutMs?: number }): Promise<Answer> {
  return new Promise((resolve) => {
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port: opts.port,
        method: opts.method,
        path: opts.path,
        agent,
        headers: {
          ...(opts.cookie ? { cookie: opts.cookie } : {}),
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), origin: `http://127.0.0.1:${opts.port}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
        res.on('error', () => resolve({ status: 0, body: '', headers: {} }));
      },
    );
    req.setTimeout(opts.timeoutMs ?? 15_000, () => {
      req.destroy();
      resolve({ status: -1, body: '', headers: {} });
    });
    req.on('error', () => resolve({ status: 0, body: '', headers: {} }));
    if (payload) req.write(payload);
    req.end();
  });
}

/** Logs a demo account in and returns its session cookie (`yinfeng_session=…`). */
export async function login(port: number, username: string): Promise<string> {
  const res = await send({ port, method: 'POST', path: '/api/auth/login', body: { username, password: DEMO_PASSWORD } });
  const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('yinfeng_session='));
  if (res.status !== 200 || !cookie) throw new Error(`login ${username}: ${res.status} ${res.body.slice(0, 300)}`);
  return cookie.split(';')[0] ?? '';
}

export function closeConnections(): void {
  agent.destroy();
}

// ---- the server -----------------------------------------------------------------------------------

/** `bin/yinfeng serve` on 127.0.0.1:port with the environment's configuration plus `env`; resolves once healthy. */
export async function startServer(url: string, port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/yinfeng'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: process.env.LOG_LEVEL ?? 'error', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout?.resume();
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
    const res = await send({ port, method: 'GET', path: '/api/health' }).catch(() => null);
    if (res?.status === 200) return child;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the server did not answer /api/health within 120 s');
}

/** SIGTERM, then SIGKILL after 15 s. */
export async function stopServer(server: ChildProcess | null): Promise<void> {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  if (server.exitCode === null) server.kill('SIGKILL');
}

// ---- measuring ------------------------------------------------------------------------------------

export interface Tally {
  served: number[];
  refused: number;
  /** answers other than 2xx and 503, network errors, and 503 without Retry-After */
  errors: number;
  timeouts: number;
  answers: number;
  maxAnswerMs: number;
  errorSamples: string[];
}

const newTally = (): Tally => ({ served: [], refused: 0, errors: 0, timeouts: 0, answers: 0, maxAnswerMs: 0, errorSamples: [] });

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function record(t: Tally, res: Answer, ms: number): void {
  if (res.status === -1) {
    t.timeouts++;
    return;
  }
  if (res.status > 0) t.answers++;
  t.maxAnswerMs = Math.max(t.maxAnswerMs, ms);
  if (res.status >= 200 && res.status < 300) t.served.push(ms);
  else if (res.status === 503) {
    t.refused++;
    if (!res.headers['retry-after']) {
      t.errors++;
      if (t.errorSamples.length < 3) t.errorSamples.push('503 without Retry-After');
    }
  } else {
    t.errors++;
    if (t.errorSamples.length < 3) t.errorSamples.push(`${res.status} ${res.body.slice(0, 160)}`);
  }
}

export interface PlannedRequest<E extends string> {
  endpoint: E;
  path: string;
  cookie: string;
}

export interface PhaseResult<E extends string> {
  elapsedSeconds: number;
  loadBefore: string;
  loadAfter: string;
  maxInFlight: number;
  tallies: Record<E | 'health', Tally>;
}

/**
 * A closed-loop phase: `connections` workers, each sending `next()`'s request when its last one was answered,
 * for `seconds`; beside them /api/health every 250 ms. A refused request (503) waits as Retry-After says.
 */
export async function runPhase<E extends string>(opts: {
  port: number;
  endpoints: readonly E[];
  next: () => PlannedRequest<E>;
  connections: number;
  seconds: number;
  timeoutMs?: number;
}): Promise<PhaseResult<E>> {
  const tallies = Object.fromEntries([...opts.endpoints, 'health'].map((e) => [e, newTally()])) as Record<E | 'health', Tally>;
  const loadBefore = loadavg();
  const started = performance.now();
  const end = started + opts.seconds * 1000;
  let inFlight = 0;
  let maxInFlight = 0;
  const worker = async () => {
    while (performance.now() < end) {
      const req = opts.next();
      const t = performance.now();
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const res = await send({ port: opts.port, method: 'GET', path: req.path, cookie: req.cookie, ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) });
      inFlight--;
      record(tallies[req.endpoint], res, performance.now() - t);
      if (res.status === 503) await new Promise((r) => setTimeout(r, 1000 * Number(res.headers['retry-after'] ?? 1)));
      else if (res.status <= 0) await new Promise((r) => setTimeout(r, 200));
    }
  };
  const health = async () => {
    while (performance.now() < end) {
      const t = performance.now();
      const res = await send({ port: opts.port, method: 'GET', path: '/api/health', timeoutMs: 5000 });
      record(tallies.health, res, performance.now() - t);
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  await Promise.all([...Array.from({ length: opts.connections }, worker), health()]);
  return { elapsedSeconds: (performance.now() - started) / 1000, loadBefore, loadAfter: loadavg(), maxInFlight, tallies };
}

/** Prints a phase: per endpoint answers, served/s, p50/p95/max, refusals, errors, timeouts; then all together. */
export function printPhase<E extends string>(label: string, connections: number, r: PhaseResult<E>): void {
  console.log(`\n${label}: ${connections} connections, ${r.elapsedSeconds.toFixed(1)} s; load average before ${r.loadBefore}, after ${r.loadAfter}`);
  console.log('  endpoint   answers  served/s   p50 ms   p95 ms   max ms    503  errors  timeouts  max time to answer ms');
  let allMax = 0;
  const all: number[] = [];
  let refused = 0;
  let errors = 0;
  let timeouts = 0;
  for (const [name, t] of Object.entries(r.tallies) as [string, Tally][]) {
    if (name === 'health' && t.answers === 0 && t.timeouts === 0) continue; // not asked (raw SQL phases)
    const sorted = [...t.served].sort((a, b) => a - b);
    if (name !== 'health') {
      allMax = Math.max(allMax, t.maxAnswerMs);
      all.push(...t.served);
      refused += t.refused;
      errors += t.errors;
      timeouts += t.timeouts;
    }
    const f = (n: number) => (Number.isNaN(n) ? '—' : n.toFixed(0)).padStart(8);
    console.log(
      `  ${name.padEnd(9)} ${String(t.answers).padStart(8)} ${(t.served.length / r.elapsedSeconds).toFixed(1).padStart(9)} ${f(percentile(sorted, 50))} ${f(percentile(sorted, 95))} ${f(sorted.at(-1) ?? Number.NaN)} ${String(t.refused).padStart(6)} ${String(t.errors).padStart(7)} ${String(t.timeouts).padStart(9)} ${f(t.maxAnswerMs)}`,
    );
    for (const s of t.errorSamples) console.log(`      e.g. ${s}`);
  }
  all.sort((a, b) => a - b);
  console.log(
    `  all: served ${all.length}, p50 ${percentile(all, 50).toFixed(0)} ms, p95 ${percentile(all, 95).toFixed(0)} ms; 503 ${refused}; errors ${errors}; timeouts ${timeouts}; ` +
      `longest time to an answer ${allMax.toFixed(0)} ms; most requests in flight ${r.maxInFlight}`,
  );
}
