/**
 * Imported first by main.tsx, before any contract module builds a schema: zod 4 probes `new Function`
 * when it builds an object schema (to compile a faster parser), and under the app's Content Security
 * Policy (no 'unsafe-eval') the browser reports that probe as a violation even though zod catches
 * it. `jitless` skips the probe; the web validates nothing hot enough to miss the compiled parser.
 */
import { z } from 'zod';

z.config({ jitless: true });
