/**
 * The import rules of the tree (docs/architecture.md), checked by `npm run check:imports` in `npm test`.
 * TypeScript is read with SWC: type-only imports count, as they do for a reader.
 */

/** The modules in the direction of their imports: each may use only those before it. */
const MODULE_ORDER = [
  'identity',
  'audit',
  'portal',
  'exchange',
  'cases',
  'surveys',
  'council',
  'training',
  'updates',
  'outreach',
  'ops',
];

/** What a module offers the others: its contract, its use cases, its events or ports (and the portal its page kit). */
const SURFACE =
  '(^|/)(contract|service|events|ports)\\.tsx?$|^src/modules/portal/(layout\\.tsx|languages\\.ts|site\\.tsx)$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Files import one another in one direction only; the way back is an event or a port.',
      from: {},
      to: { circular: true },
    },
    ...MODULE_ORDER.map((module, index) => ({
      name: `module-order-${module}`,
      severity: 'error',
      comment: `${module} may use only ${MODULE_ORDER.slice(0, index).join(', ') || 'the kernel'}: the way back is an event.`,
      from: { path: `^src/modules/${module}/` },
      to: { path: '^src/modules/', pathNot: `^src/modules/(${MODULE_ORDER.slice(0, index + 1).join('|')})/` },
    })),
    {
      name: 'module-surface',
      severity: 'error',
      comment:
        'Another module is used through its contract, service or events, never its store or internals.',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/', pathNot: [`^src/modules/$1/`, SURFACE] },
    },
    {
      name: 'kernel-below-modules',
      severity: 'error',
      comment: 'The kernel serves every module and knows none of them.',
      from: { path: '^src/(kernel|db)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'web-reads-contracts',
      severity: 'error',
      comment: 'The back-office shares the API contracts with the server, and nothing else.',
      from: { path: '^web/' },
      to: { path: '^src/', pathNot: '(^|/)contract\\.ts$' },
    },
    {
      name: 'rules-are-pure',
      severity: 'error',
      comment: 'Rules take time and data as arguments: no database, no files, no network.',
      from: { path: '(^|/)rules\\.ts$' },
      to: {
        path: '(^|/)(store|service|routes|jobs)\\.tsx?$|^src/kernel/(db|jobs|mail|files|transaction|audit)\\.ts$|^node_modules/(kysely|pg|@electric-sql|nodemailer)/',
      },
    },
    {
      name: 'rules-no-io-builtins',
      severity: 'error',
      comment: 'Rules take time and data as arguments: no database, no files, no network.',
      from: { path: '(^|/)rules\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    parser: 'swc',
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
