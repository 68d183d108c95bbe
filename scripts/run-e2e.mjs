#!/usr/bin/env node
/**
 * Browser tests: build the web app if needed, start the server on a free port with a fresh
 * data directory (so the embedded database gets the demo data), run e2e/*.e2e.ts with Node's
 * test runner against it, stop the server and exit with the tests' status.
 *
 * Arguments (optional) pick spec files by name: `npm run test:e2e -- enterprises-detail shell`.
 * Environment: CHROMIUM_PATH (default /usr/bin/chromium), E2E_KEEP_DATA=1 keeps the data directory.
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

function runTests(baseUrl) {
  const wanted = process.argv.slice(2).map((a) => path.basename(a).replace(/\.e2e\.ts$/, ''));
  const files = readdirSync(path.join(root, 'e2e'))
    .filter((f) => f.endsWith('.e2e.ts'))
    .filter((f) => wanted.length === 0 || wanted.includes(f.replace(/\.e2e\.ts$/, '')))
    .sort()
    .map((f) => path.join('e2e', f));
  if (files.length === 0) {
    process.stderr.write(`[e2e] no e2e/*.e2e.ts files${wanted.length ? ` named ${wanted.join(', ')}` : ''}\n`);
    return Promise.resolve(1);
  }
  log(`running ${files.join(', ')} against ${baseUrl}`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, E2E_BASE_URL: baseUrl, CHROMIUM_PATH: chromiumPath },
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function printServerLog(logFile) {
  try {
    process.stderr.write(`[e2e] server log, last lines (${logFile}):\n${readFileSync(logFile, 'utf8').slice(-4000)}\n`);
  } catch {
    // no log yet
  }
}

async function main() {
  ensureChromium();
  ensureWebBuild();

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'yinfeng-e2e-'));
  const logFile = path.join(dataDir, 'server.log');
  const serverLog = createWriteStream(logFile);
  log(`starting the server on port ${port}, data in ${dataDir}`);
  const server = spawn(path.join(root, 'node_modules/.bin/tsx'), ['src/cli/main.ts', 'serve'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', YINFENG_DATA_DIR: path.join(dataDir, 'data') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout.pipe(serverLog);
  server.stderr.pipe(serverLog);

  let status = 1;
  const cleanup = async () => {
    await stopServer(server);
    serverLog.end();
    if (process.env.E2E_KEEP_DATA !== '1') rmSync(dataDir, { recursive: true, force: true });
    else log(`kept ${dataDir}`);
  };
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.once(sig, () => {
      void cleanup().then(() => process.exit(130));
    });
  }

  try {
    await waitForHealth(baseUrl, server, 180_000);
    log('server healthy');
    status = await runTests(baseUrl);
    if (status !== 0) printServerLog(logFile);
  } catch (err) {
    process.stderr.write(`[e2e] ${err instanceof Error ? err.message : String(err)}\n`);
    printServerLog(logFile);
  } finally {
    await cleanup();
  }
  log(status === 0 ? 'passed' : `failed (exit ${status})`);
  process.exit(status);
}

void main();
