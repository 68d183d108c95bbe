/**
 * The CLI as one ES module: src/cli/main.ts bundled by esbuild (packages stay in node_modules), so a process of
 * bin/yinfeng loads one file instead of some eight hundred TypeScript modules through tsx's loader thread and starts
 * in about a third of the time — which `serve`, every command and the tests that run them all feel.
 *
 * The bundle lives in node_modules/.cache/yinfeng-cli/ and is rebuilt when any file under src/ is newer than it (a
 * scan of src/ takes milliseconds). Each module's `import.meta.url` keeps naming its own source file, so paths
 * relative to a module (migrations, fonts, the web build, templates, the worker script) resolve as they do under
 * tsx. Written to a temporary name and renamed, so processes starting together never load half a file.
 * Returns null when the bundle cannot be made here (a read-only installation, esbuild missing): bin/yinfeng then
 * runs the sources through tsx as before.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = path.join(root, 'src');
// the bundle names source files by absolute path: another checkout gets its own
const tag = createHash('sha256').update(root).digest('hex').slice(0, 12);
const bundleFile = path.join(root, 'node_modules', '.cache', 'yinfeng-cli', `cli-${tag}.mjs`);

function newestSourceMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(p));
    else newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** esbuild plugin: `import.meta.url` of each source module stays the URL of that module's file. */
const keepModuleUrls = {
  name: 'keep-module-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      let contents = await fs.promises.readFile(args.path, 'utf8');
      if (contents.includes('import.meta.url')) contents = contents.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
      return { contents, loader: 'ts' };
    });
  },
};

async function buildBundle() {
  const { build } = await import('esbuild');
  fs.mkdirSync(path.dirname(bundleFile), { recursive: true });
  const result = await build({
    entryPoints: [path.join(srcDir, 'cli', 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: bundleFile,
    // stack traces in logs name src/… lines (bin/yinfeng turns source maps on)
    sourcemap: 'linked',
    sourcesContent: false,
    plugins: [keepModuleUrls],
    logLevel: 'silent',
    write: false,
  });
  // each file under a temporary name, then renamed; the map first, so a process that sees the new bundle finds its map
  const files = [...result.outputFiles].sort((a) => (a.path.endsWith('.map') ? -1 : 1));
  for (const file of files) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(temporary, file.contents);
      fs.renameSync(temporary, file.path);
    } finally {
      fs.rmSync(temporary, { force: true });
    }
  }
}

/** The bundle's file URL, built first when missing or older than a source; null when it cannot be built. */
export async function loadCliBundle() {
  try {
    const built = fs.existsSync(bundleFile) ? fs.statSync(bundleFile).mtimeMs : 0;
    if (built === 0 || newestSourceMtime(srcDir) > built) await buildBundle();
    return pathToFileURL(bundleFile).href;
  } catch {
    return null;
  }
}
