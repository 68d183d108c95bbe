/**
 * Imported first by main.tsx, before any contract module builds a schema: zod 4 probes `new Function`
 * when it builds an object schema (to compile a faster parser), and under the app's Content Security
 * Policy (no 'unsafe-eval') the browser reports that probe as a violation even though zod catches
 * it. `jitless` skips the probe; the web validates nothing hot enough to miss the compiled parser.
 *
 * Set on zod's global configuration object (globalThis.__zod_globalConfig, which zod/v4/core adopts
 * when it loads, or created by it earlier) rather than through z.config(): this module imports
 * nothing and is built into a chunk of its own (web/vite.config.ts), so it runs before any shared
 * chunk whose contract modules build schemas at load — a chunk imported by the entry runs before
 * the entry's own code, which is how a z.config() call in the entry came too late.
 */
const g = globalThis as { __zod_globalConfig?: Record<string, unknown> };
(g.__zod_globalConfig ??= {}).jitless = true;

export {};
