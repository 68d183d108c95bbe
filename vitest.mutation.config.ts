/**
 * The test sets of the mutation runs (stryker.config.json, stryker.services.config.json): PGlite only,
 * so that a mutant costs seconds, not a PostgreSQL database per test file.
 *   MUTATION_SCOPE=domain   the pure rules of src/domain and their unit tests
 *   MUTATION_SCOPE=services the statistics, stage, light and returns services and the tests that drive them
 */
import { defineConfig } from 'vitest/config';

delete process.env.TEST_DATABASE_URL;

const DOMAIN_TESTS = ['test/domain/**/*.test.ts', 'test/returns/returns-domain.test.ts'];
const SERVICE_TESTS = [
  'test/statistics/summary.test.ts',
  'test/statistics/rankings.test.ts',
  'test/projects/pipeline.test.ts',
  'test/projects/light-rules.test.ts',
  'test/projects/lights-by-leader.test.ts',
  'test/projects/fund-ledger.test.ts',
  'test/returns/monthly-returns.test.ts',
  'test/returns/return-submitter-and-snapshot.test.ts',
  'test/returns/return-checks.test.ts',
];

const services = process.env.MUTATION_SCOPE === 'services';
// MUTATION_TESTS=a.test.ts,b.test.ts narrows a services run to the test files that cover the file mutated
// (docs/testing.md); the score is then a lower bound of the one the whole set gives
const narrowed = process.env.MUTATION_TESTS?.split(',').filter(Boolean);

export default defineConfig({
  test: {
    include: services ? (narrowed?.length ? narrowed : SERVICE_TESTS) : DOMAIN_TESTS,
    // the database template is made once per run; the pure domain tests need none
    globalSetup: services ? ['test/helpers/global-setup.ts'] : [],
    pool: 'forks',
    maxWorkers: 1,
    // services: one process loads the application once for every test file (each file still gets its own
    // database cloned from the template); loading it per file cost more than the database (docs/testing.md)
    isolate: !services,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
