#!/usr/bin/env node
/**
 * Browser tests: build the web app if needed, start servers on free ports, each with a fresh data
 * directory (so the embedded database gets the demo data), run e2e/*.e2e.ts with Node's test
 * runner against them, stop the servers and exit with the tests' status.
 *
 * The spec files are split into E2E_SHARDS groups (default 2; 1 when files are named), balanced by how
 * long each took in a recent run (SPEC_SECONDS); each group runs one file after another against its own
 * server and demo data, the groups side by side. The first group's output is shown as it comes, the
 * others' when they end, each whole with its own closing lines; then one line adds them up.
 *
 * Arguments (optional) pick spec files by name: `npm run test:e2e -- enterprises-detail shell`.
 * Environment: CHROMIUM_PATH (default /usr/bin/chromium), E2E_SHARDS, E2E_KEEP_DATA=1 keeps the data directories.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function log(line) {
  process.stdout.write(`[e2e] ${line}\n`);
}

function newestMtime(target) {
  const st = statSync(target);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function ensureChromium() {
  if (existsSync(chromiumPath)) return;
  process.stderr.write(
    `[e2e] Chromium not found at ${chromiumPath}. Install it (with a CJK font) and run again:\n` +
      '      apt-get update && apt-get install -y chromium fonts-noto-cjk\n' +
      '      (or set CHROMIUM_PATH to a Chromium binary)\n',
  );
  process.exit(1);
}

function ensureWebBuild() {
  const built = path.join(root, 'web/dist/index.html');
  const sources = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.ts'].map((p) => path.join(root, p));
  const sourceTime = Math.max(...sources.filter((p) => existsSync(p)).map(newestMtime));
  if (existsSync(built) && statSync(built).mtimeMs >= sourceTime) return;
  log('building the web app (web/dist missing or older than web/src)');
  const vite = path.join(root, 'node_modules/.bin/vite');
  const res = spawnSync(vite, ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (res.status !== 0) {
    process.stderr.write('[e2e] web build failed\n');
    process.exit(res.status ?? 1);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(baseUrl, server, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`the server exited (${server.exitCode ?? server.signalCode}) before it was healthy`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server was not healthy within ${timeoutMs / 1000} s`);
}

function stopServer(server) {
  if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => server.kill('SIGKILL'), 10_000);
    server.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    server.kill('SIGTERM');
  });
}

/** Seconds each spec took in CI (session 14): the weights that balance the groups; a new file counts 40. */
const SPEC_SECONDS = {
  targets: 135, commitments: 110, chains: 96, 'enterprises-detail': 91, trips: 90, aftercare: 68, 'chain-dashboard': 52,
  activities: 46, projects: 45, shell: 44, 'teams-partners': 44, 'enterprises-search': 40, 'chain-editor': 39, english: 39,
  'portal-admin': 37, returns: 35, phone: 32, xss: 30, inquiries: 30, stats: 29, pickers: 28, briefings: 23, imports: 19,
  portal: 19, 'account-security': 16, ledgers: 14, ledger: 20, pages: 322,
};

function pickSpecFiles() {
  const wanted = process.argv.slice(2).map((a) => path.basename(a).replace(/\.e2e\.ts$/, ''));
  const names = readdirSync(path.join(root, 'e2e'))
    .filter((f) => f.endsWith('.e2e.ts'))
    .map((f) => f.replace(/\.e2e\.ts$/, ''))
    .filter((n) => wanted.length === 0 || wanted.includes(n))
    .sort();
  return { names, named: wanted.length > 0 };
}

/** Longest first onto the lightest group; each group keeps the alphabetical order. */
function splitIntoGroups(names, count) {
  const groups = Array.from({ length: count }, () => ({ names: [], seconds: 0 }));
  for (const n of [...names].sort((a, b) => (SPEC_SECONDS[b] ?? 40) - (SPEC_SECONDS[a] ?? 40))) {
    const lightest = groups.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    lightest.names.push(n);
    lightest.seconds += SPEC_SECONDS[n] ?? 40;
  }
  return groups.filter((g) => g.names.length > 0).map((g) => g.names.sort());
}

/** Runs one group's files against its server; `live` streams the output, otherwise it is kept for later. */
function runGroup(names, baseUrl, live) {
  const files = names.map((n) => path.join('e2e', `${n}.e2e.ts`));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], {
      cwd: root,
      stdio: ['ignore', live ? 'inherit' : 'pipe', live ? 'inherit' : 'pipe'],
      env: { ...process.env, E2E_BASE_URL: baseUrl, CHROMIUM_PATH: chromiumPath },
    });
    let output = '';
    child.stdout?.on('data', (b) => (output += b.toString()));
    child.stderr?.on('data', (b) => (output += b.toString()));
    child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

function printServerLog(logFile) {
  try {
    process.stderr.write(`[e2e] server log, last lines (${logFile}):\n${readFileSync(logFile, 'utf8').slice(-4000)}\n`);
  } catch {
    // no log yet
  }
}

/** A server on a free port with a fresh data directory; its log goes to a file there. */
async function startServer(index) {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'yinfeng-e2e-'));
  const logFile = path.join(dataDir, 'server.log');
  const serverLog = createWriteStream(logFile);
  log(`server ${index + 1}: port ${port}, data in ${dataDir}`);
  // bin/yinfeng as an operator runs it (the bundled CLI, bin/cli-bundle.mjs)
  const child = spawn(process.execPath, [path.join(root, 'bin/yinfeng'), 'serve'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', YINFENG_DATA_DIR: path.join(dataDir, 'data') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(serverLog);
  child.stderr.pipe(serverLog);
  return { child, baseUrl, dataDir, logFile, serverLog };
}

/** "# pass N" and "# fail N" of a node:test run's closing lines. */
function countsOf(output) {
  const pass = Number(/^# pass (\d+)$/m.exec(output)?.[1] ?? 0);
  const fail = Number(/^# fail (\d+)$/m.exec(output)?.[1] ?? 0);
  return { pass, fail };
}

async function main() {
  ensureChromium();
  ensureWebBuild();

  const { names, named } = pickSpecFiles();
  if (names.length === 0) {
    process.stderr.write('[e2e] no e2e/*.e2e.ts files named so\n');
    process.exit(1);
  }
  const shards = Math.max(1, Math.min(names.length, Number(process.env.E2E_SHARDS ?? (named ? 1 : 2)) || 1));
  const groups = splitIntoGroups(names, shards);
  const servers = [];
  let status = 1;
  const cleanup = async () => {
    for (const s of servers) {
      await stopServer(s.child);
      s.serverLog.end();
      if (process.env.E2E_KEEP_DATA !== '1') rmSync(s.dataDir, { recursive: true, force: true });
      else log(`kept ${s.dataDir}`);
    }
  };
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.once(sig, () => {
      void cleanup().then(() => process.exit(130));
    });
  }

  try {
    for (let i = 0; i < groups.length; i++) servers.push(await startServer(i));
    // the first start seeds the demo data: minutes on a busy machine
    await Promise.all(servers.map((s) => waitForHealth(s.baseUrl, s.child, 420_000)));
    log(`${servers.length} server(s) healthy`);
    groups.forEach((g, i) => log(`group ${i + 1} against ${servers[i].baseUrl}: ${g.join(', ')}`));
    const results = await Promise.all(
      groups.map((g, i) =>
        runGroup(g, servers[i].baseUrl, i === 0).then((r) => {
          if (i > 0) process.stdout.write(`\n[e2e] group ${i + 1} (${g.join(', ')}):\n${r.output}`);
          return r;
        }),
      ),
    );
    status = results.every((r) => r.code === 0) ? 0 : 1;
    // the first group streamed its closing lines; the total of all groups in the plain form
    const others = results.slice(1).map((r) => countsOf(r.output));
    if (others.length > 0) {
      const first = results[0].code === 0 ? null : 'see above';
      log(`groups 2–${results.length}: ${others.reduce((a, c) => a + c.pass, 0)} passed, ${others.reduce((a, c) => a + c.fail, 0)} failed${first ? '; group 1 failed' : ''}`);
    }
    for (const [i, r] of results.entries()) if (r.code !== 0) printServerLog(servers[i].logFile);
  } catch (err) {
    process.stderr.write(`[e2e] ${err instanceof Error ? err.message : String(err)}\n`);
    for (const s of servers) printServerLog(s.logFile);
  } finally {
    await cleanup();
  }
  log(status === 0 ? 'passed' : `failed (exit ${status})`);
  process.exit(status);
}

void main();
