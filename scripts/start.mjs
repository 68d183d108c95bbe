#!/usr/bin/env node
// npm start: builds the web app when its sources are newer than the build, then runs `yinfeng serve`.
//
// Stopping: SIGTERM and SIGINT are passed on to the child (the build, then the server) and this
// process exits as the server did (0 after a clean stop). package.json's start script `exec`s this file,
// so npm's own signal forwarding reaches it: without the exec, npm would pass the signal to the
// `sh -c` wrapper it runs scripts in, which dies of it and leaves this process and the server running.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'web/dist/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

let child = null;
let stopSignal = null;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopSignal ??= signal;
    child?.kill(signal);
  });
}

/** Runs a child to its end; resolves with its exit code (128 + the signal's number when a signal ended it). */
function run(args) {
  return new Promise((resolve) => {
    child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
    child.once('error', (err) => {
      console.error(err.message);
      resolve(1);
    });
    child.once('exit', (code, signal) => {
      child = null;
      resolve(code ?? 128 + (os.constants.signals[signal] ?? 0));
    });
  });
}

const exitCodeForStop = () => 128 + os.constants.signals[stopSignal];

// YINFENG_SKIP_WEB_BUILD=1 starts without building (tests, or a deployment that ships web/dist on its own)
const stale =
  process.env.YINFENG_SKIP_WEB_BUILD !== '1' &&
  (!fs.existsSync(built) || newestMtime(path.join(root, 'web')) > fs.statSync(built).mtimeMs);
if (stale) {
  console.log('正在构建网页 (building the web app)…');
  const code = await run([path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
  if (stopSignal) process.exit(exitCodeForStop());
  if (code !== 0) process.exit(code);
}
if (stopSignal) process.exit(exitCodeForStop());
// the demo's console shows where to log in and what goes wrong, not a line per request (set YINFENG_REQUEST_LOG=true to see them)
process.env.YINFENG_REQUEST_LOG ??= 'false';
process.exit(await run([path.join(root, 'bin/yinfeng'), 'serve', ...process.argv.slice(2)]));
