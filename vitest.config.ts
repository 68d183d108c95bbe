import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // Files share each worker's module registry: the application is loaded once per worker, not once per file
    // (session 17: the whole suite on both databases in 11.5 minutes on 2 cores; all of CI took 43–46 before). A file that mocks a module
    // calls vi.resetModules() before importing the application (test/http/login-timing.test.ts); no test may
    // rely on module state another file left behind (each file opens its own databases and app).
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
