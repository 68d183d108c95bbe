/* global module */
/**
 * The layer rules of DESIGN.md, checked by `npm run lint:deps` (and .ci/run). docs/architecture.md
 * explains the tiers; a change that makes an import run upward fails here.
 *
 *   domain → foundation (config, reference, search, imports) → db → services
 *          → adapters (http, cli, jobs, exports, documents, seed); cli is the composition root.
 *   contracts (the API's response shapes) import only zod; the web imports only contracts from src/.
 */
const ADAPTERS = '^src/(http|cli|jobs|exports|documents|seed)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'domain/ holds pure rules: it imports nothing else of src/ (DESIGN.md: domain → db → services → adapters).',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: '^src/domain/' },
    },
    {
      name: 'foundation-below-db',
      comment:
        'config, reference, search and imports (file parsing) sit between domain and db: they may use domain and each other, never db, services or an adapter.',
      severity: 'error',
      from: { path: '^src/(config|reference|search|imports)/' },
      to: { path: ['^src/(db|services)/', ADAPTERS] },
    },
    {
      name: 'db-below-services',
      comment: 'db/ (schema and queries) knows nothing of services or adapters.',
      severity: 'error',
      from: { path: '^src/db/' },
      to: { path: ['^src/services/', ADAPTERS] },
    },
    {
      name: 'no-services-to-adapters',
      comment: 'A service never imports http, cli, jobs, exports, documents or seed: those are the thin adapters above it.',
      severity: 'error',
      from: { path: '^src/services/' },
      to: { path: ADAPTERS },
    },
    {
      name: 'no-http-in-services',
      comment: 'No HTTP in services (nor below): fastify belongs to http/ (and the cli that starts it).',
      severity: 'error',
      from: { path: '^src/(domain|config|reference|search|imports|db|services|contracts)/' },
      to: { path: '^node_modules/(fastify|@fastify/|fastify-[a-z-]+|light-my-request)' },
    },
    {
      name: 'no-sql-in-routes',
      comment: 'Routes call services; they may name db types but never run queries or build SQL.',
      severity: 'error',
      from: { path: '^src/http/' },
      to: { path: ['^src/db/(queries|schema)/', '^node_modules/(drizzle-orm|pg|pg-copy-streams|@electric-sql/pglite)/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'adapters-apart',
      comment:
        'Adapters do not lean on each other, except that http may serve exports and documents, documents may use the export helpers, and the cli wires everything.',
      severity: 'error',
      from: { path: '^src/(http|jobs|exports|documents|seed)/' },
      to: { path: '^src/(cli|jobs|seed|http)/', pathNot: ['^src/$1/'] },
    },
    {
      name: 'exports-below-documents',
      comment: 'exports/ (spreadsheets of lists) does not use documents/ (notices); documents may use the export helpers.',
      severity: 'error',
      from: { path: '^src/exports/' },
      to: { path: '^src/documents/' },
    },
    {
      name: 'contracts-only-zod',
      comment: 'src/contracts/ is shared with the web: it imports zod and other contracts, nothing else.',
      severity: 'error',
      from: { path: '^src/contracts/' },
      to: { pathNot: ['^src/contracts/', '^node_modules/zod/'] },
    },
    {
      name: 'web-uses-contracts-only',
      comment: 'The web bundle may take the API contracts from src/, never server code.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^src/', pathNot: '^src/contracts/' },
    },
    {
      name: 'server-not-to-web',
      comment: 'Server code never imports the web client.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^web/' },
    },
    {
      name: 'no-circular',
      comment: 'Import cycles hide layering mistakes.',
      severity: 'error',
      from: { path: '^(src|web/src)/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-undeclared-package',
      comment: 'Every package imported must be in package.json.',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'server-not-to-dev-dep',
      comment: 'Server code runs with the production dependencies; devDependencies are for the web build, tests and tools.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/contracts/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|coverage|data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
