// Worker thread entry of the search-key pool (search-key-pool.ts): a worker does not inherit the
// TypeScript loader of the thread that started it, so it registers tsx itself, as bin/yinfeng does.
import { register } from 'tsx/esm/api';

register();
await import('./search-keys-worker-main.ts');
