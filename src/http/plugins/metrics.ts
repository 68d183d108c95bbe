/**
 * /metrics in the Prometheus text format (prom-client), for the operators' monitoring (issue 15).
 *
 * Guarded by itself, not by a session: a bearer token (YINFENG_METRICS_TOKEN; missing 401, wrong 403)
 * and/or client address ranges (YINFENG_METRICS_ALLOW; outside 403). Each one configured must pass.
 * Neither configured: 404, and nothing is measured.
 *
 * Measured in the process: the latency of every request by method, route pattern (never the URL:
 * no ids in labels) and status code, and Node's own default metrics. Read at scrape time: the
 * PostgreSQL pool (in use, idle, waiting), the replicas through the replica hook
 * (db/replica-status.ts; absent without replicas), the job engine's queues, the statistics'
 * stale rollup parts and the import jobs' progress (services/operations/operations-figures.ts).
 * Each process exposes its own figures; the database figures are the same on every process.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import net from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import client from 'prom-client';
import type { Config } from '../../config/config';
import type { Database } from '../../db/client';
import { readReplicaStatus } from '../../db/replica-status';
import { msg, type Message } from '../../domain/messages/catalog';
import { readOperationsFigures } from '../../services/operations/operations-figures';
import { renderFor } from '../request-lang';

export const METRICS_PATH = '/metrics';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** '::ffff:10.1.2.3' is the IPv4 address 10.1.2.3 to the address list. */
function plainAddress(ip: string): { address: string; family: 'ipv4' | 'ipv6' } | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  const address = mapped?.[1] ?? ip;
  const family = net.isIP(address);
  return family === 0 ? null : { address, family: family === 4 ? 'ipv4' : 'ipv6' };
}

function buildAllowList(ranges: string[]): net.BlockList {
  const list = new net.BlockList();
  for (const range of ranges) {
    const [address = '', prefix = ''] = range.split('/');
    list.addSubnet(address, Number(prefix), net.isIP(address) === 4 ? 'ipv4' : 'ipv6');
  }
  return list;
}

function sendError(request: FastifyRequest, reply: FastifyReply, status: number, code: string, text: Message) {
  return reply.status(status).header('cache-control', 'no-store').send({ error: { code, message: renderFor(request, text) } });
}

export function registerMetrics(app: FastifyInstance, config: Config, database: Database): void {
  const { token, allow } = config.metrics;
  if (token === null && allow.length === 0) {
    app.get(METRICS_PATH, { config: { access: 'public' }, schema: { hide: true } }, (request, reply) =>
      sendError(request, reply, 404, 'NOT_FOUND', msg('http.routeNotFound', { method: request.method, path: METRICS_PATH })),
    );
    return;
  }
  const allowList = allow.length > 0 ? buildAllowList(allow) : null;
  const tokenDigest = token === null ? null : digest(token);
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });

  const labelNames = ['method', 'route', 'status_code'] as const;
  const latency = new client.Histogram({
    name: 'yinfeng_http_request_duration_seconds',
    help: 'Request latency by method, route pattern and status code',
    labelNames,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const requests = new client.Counter({ name: 'yinfeng_http_requests_total', help: 'Requests answered, by method, route pattern and status code', labelNames, registers: [registry] });
  app.addHook('onResponse', async (request, reply) => {
    // the pattern ('/api/projects/:id'), never the URL; requests matching no route share one label
    const labels = { method: request.method, route: request.routeOptions.url ?? '(unmatched)', status_code: String(reply.statusCode) };
    latency.observe(labels, reply.elapsedTime / 1000);
    requests.inc(labels);
  });

  if (database.kind === 'postgres') {
    const pool = database.pool;
    new client.Gauge({ name: 'yinfeng_db_pool_in_use', help: 'PostgreSQL pool: connections checked out', registers: [registry], collect() { this.set(pool.totalCount - pool.idleCount); } });
    new client.Gauge({ name: 'yinfeng_db_pool_idle', help: 'PostgreSQL pool: idle connections', registers: [registry], collect() { this.set(pool.idleCount); } });
    new client.Gauge({ name: 'yinfeng_db_pool_waiting', help: 'PostgreSQL pool: queries waiting for a connection', registers: [registry], collect() { this.set(pool.waitingCount); } });
    new client.Gauge({ name: 'yinfeng_db_pool_max', help: 'PostgreSQL pool: largest size (YINFENG_DB_POOL_MAX)', registers: [registry], collect() { this.set(config.capacity.poolMax); } });
  }

  const gauge = (name: string, help: string, labels: string[] = []) => new client.Gauge({ name, help, labelNames: labels, registers: [registry] });
  const replicaUp = gauge('yinfeng_replica_up', 'Read replica reachable (1) or not (0); absent without replicas', ['replica']);
  const replicaLag = gauge('yinfeng_replica_lag_seconds', 'Read replica replay lag; absent without replicas or when unknown', ['replica']);
  const replicaServed = gauge('yinfeng_replica_reads_served', 'Reads (statements and read-only transactions) a replica served since this process started', ['replica']);
  const replicaFallbacks = gauge('yinfeng_replica_reads_fell_back', 'Reads sent to a replica that failed there and were answered by the primary, since this process started', ['replica']);
  const databaseUp = gauge('yinfeng_database_up', 'The figures below were read from the database (1) or it did not answer (0)');
  const jobsWaiting = gauge('yinfeng_job_queue_waiting', 'Jobs waiting to run (created or waiting for a retry), by queue', ['queue']);
  const jobsActive = gauge('yinfeng_job_queue_active', 'Jobs running, by queue', ['queue']);
  const jobsFailed = gauge('yinfeng_job_failed', 'Failed jobs the engine keeps (about the last 12 hours), by queue', ['queue']);
  const staleParts = gauge('yinfeng_rollup_stale_parts', 'Statistics rollup parts behind their data (this and last year), by rollup', ['rollup']);
  const staleAge = gauge('yinfeng_rollup_oldest_stale_seconds', 'Seconds since the oldest stale rollup part was computed (0: none stale), by rollup', ['rollup']);
  const importJobs = gauge('yinfeng_import_jobs', 'Import jobs queued or running, by kind and status', ['kind', 'status']);
  const importRows = gauge('yinfeng_import_rows_read', 'Rows read so far by the running import jobs, by kind', ['kind']);
  const importBytes = gauge('yinfeng_import_bytes_read', 'Bytes of their files read so far by the running import jobs, by kind', ['kind']);
  const importFileBytes = gauge('yinfeng_import_file_bytes', 'Size of the running import jobs\u2019 files, by kind', ['kind']);
  const figureGauges = [jobsWaiting, jobsActive, jobsFailed, staleParts, staleAge, importJobs, importRows, importBytes, importFileBytes];

  const refresh = async () => {
    for (const g of [replicaUp, replicaLag, replicaServed, replicaFallbacks]) g.reset();
    for (const r of await readReplicaStatus(database)) {
      replicaUp.set({ replica: r.name }, r.reachable ? 1 : 0);
      if (r.lagSeconds !== null) replicaLag.set({ replica: r.name }, r.lagSeconds);
      if (r.served !== undefined) replicaServed.set({ replica: r.name }, r.served);
      if (r.fallbacks !== undefined) replicaFallbacks.set({ replica: r.name }, r.fallbacks);
    }
    for (const g of figureGauges) g.reset();
    try {
      const f = await readOperationsFigures({ db: database.db });
      databaseUp.set(1);
      for (const j of f.jobs) {
        jobsWaiting.set({ queue: j.queue }, j.waiting);
        jobsActive.set({ queue: j.queue }, j.active);
        jobsFailed.set({ queue: j.queue }, j.failed);
      }
      for (const r of f.rollups) {
        staleParts.set({ rollup: r.rollup }, r.staleParts);
        staleAge.set({ rollup: r.rollup }, r.oldestStaleSeconds);
      }
      for (const i of f.imports) {
        importJobs.set({ kind: i.kind, status: 'queued' }, i.queued);
        importJobs.set({ kind: i.kind, status: 'running' }, i.running);
        importRows.set({ kind: i.kind }, i.rowsRead);
        importBytes.set({ kind: i.kind }, i.bytesRead);
        importFileBytes.set({ kind: i.kind }, i.fileBytes);
      }
    } catch (err) {
      databaseUp.set(0);
      app.log.warn({ err }, 'metrics: database figures unavailable');
    }
  };

  let scraping: Promise<string> | null = null;
  app.get(METRICS_PATH, { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    if (allowList) {
      const client = plainAddress(request.ip);
      if (!client || !allowList.check(client.address, client.family)) {
        return sendError(request, reply, 403, 'FORBIDDEN', msg('http.metricsAddress', { address: request.ip }));
      }
    }
    if (tokenDigest) {
      const header = request.headers.authorization ?? '';
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match?.[1]) {
        reply.header('www-authenticate', 'Bearer realm="yinfeng-metrics"');
        return sendError(request, reply, 401, 'UNAUTHENTICATED', msg('http.metricsTokenMissing'));
      }
      if (!timingSafeEqual(digest(match[1]), tokenDigest)) return sendError(request, reply, 403, 'FORBIDDEN', msg('http.metricsTokenWrong'));
    }
    // concurrent scrapes share one reading (the gauges are reset and refilled by it)
    scraping ??= refresh()
      .then(() => registry.metrics())
      .finally(() => {
        scraping = null;
      });
    const text = await scraping;
    return reply.header('content-type', registry.contentType).header('cache-control', 'no-store').send(text);
  });
}
