/**
 * The structure, checked on every `npm test` (npm run check:structure): no import cycles, and
 * every import runs the way ARCHITECTURE.md draws it. Rooms from the bottom up:
 *   core/       shared domain, no DOM and no Node: imports nothing of the project but core/
 *               (question types' views, <name>-view.ts, are the exception: lit, for the runtime)
 *   src/        the browser runtime: core/ and itself
 *   packaging/  builds packages: core/, and the runtime's generated locale list
 *   lrs/        the LRS: core/ and itself, never the runtime or packaging; inside it
 *               http/ (kernel) and storage/ below the features xapi/, dashboard/, reports/
 *   dashboard/  the dashboard app (browser): lrs/contracts/ only
 *   cli/, bench/ composition roots: anything
 */
const feature = (room) => `^lrs/${room}/`;
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'An import cycle: one of the files belongs lower.', from: {}, to: { circular: true } },
    {
      name: 'core-is-shared',
      severity: 'error',
      comment: 'core/ runs in the browser and in Node: it imports only core/ and pure npm packages.',
      from: { path: '^core/', pathNot: '-view\\.ts$' },
      to: { pathNot: ['^core/', 'node_modules/zod/'] },
    },
    {
      name: 'core-not-views',
      severity: 'error',
      comment: "A question type's view (<name>-view.ts) is browser code: only the runtime's question view loads it.",
      from: { path: '^core/', pathNot: '-view\\.ts$' },
      to: { path: '-view\\.ts$' },
    },
    {
      name: 'views-are-lit',
      severity: 'error',
      comment: 'Question type views render with lit and take everything else from their context.',
      from: { path: '^core/.*-view\\.ts$' },
      to: { pathNot: ['^core/', 'node_modules/(lit|lit-html|lit-element|@lit/localize|@lit/reactive-element)/'] },
    },
    {
      name: 'runtime-is-browser-only',
      severity: 'error',
      comment: 'The runtime ships in every package: no Node built-ins, no LRS, no packaging.',
      from: { path: '^src/' },
      to: { path: ['^(lrs|packaging|cli|bench|test)/'] },
    },
    { name: 'runtime-no-node', severity: 'error', from: { path: '^src/' }, to: { dependencyTypes: ['core'] } },
    {
      name: 'packaging-not-lrs',
      severity: 'error',
      comment: 'Packaging builds zips from content: it does not know the LRS; of the runtime it reads only generated locale codes.',
      from: { path: '^packaging/' },
      to: { path: ['^(lrs|cli|bench|dashboard)/', '^src/(?!i18n/generated/)'] },
    },
    {
      name: 'lrs-not-runtime-or-packaging',
      severity: 'error',
      comment: 'The LRS shares the domain through core/, never through the runtime, the build or the dashboard app.',
      from: { path: '^lrs/' },
      to: { path: ['^(src|packaging|cli|bench|dashboard)/'] },
    },
    {
      name: 'http-kernel-below-features',
      severity: 'error',
      comment: 'lrs/http/ is the kernel the feature plugins import; it imports none of them.',
      from: { path: '^lrs/http/' },
      to: { path: [feature('xapi'), feature('dashboard'), feature('reports'), feature('seed')] },
    },
    {
      name: 'storage-below-everything',
      severity: 'error',
      comment: 'lrs/storage/ implements the resource interfaces; it imports no route, rule or report.',
      from: { path: '^lrs/storage/' },
      to: { path: ['^lrs/(http|xapi|dashboard|reports|seed|auth)/', '^lrs/server\\.ts$'] },
    },
    {
      name: 'features-apart',
      severity: 'error',
      comment: 'xAPI resources, dashboard administration and reports are separate plugins.',
      from: { path: [feature('xapi'), feature('reports')] },
      to: { path: [feature('dashboard'), '^lrs/server\\.ts$'] },
    },
    { name: 'xapi-not-reports', severity: 'error', from: { path: feature('xapi') }, to: { path: feature('reports') } },
    { name: 'reports-not-xapi', severity: 'error', from: { path: feature('reports') }, to: { path: feature('xapi') } },
    {
      name: 'dashboard-app-contracts-only',
      severity: 'error',
      comment: 'The dashboard app is a browser app: of the server it takes only lrs/contracts/, the payloads both sides share; of the core only core/i18n/ (choosing a language, as the runtime does) and core/csv.ts (the CSV the server streams too).',
      from: { path: '^dashboard/' },
      to: { path: ['^lrs/(?!contracts/)', '^(src|packaging|cli|bench)/', '^core/(?!i18n/|csv\\.ts$)'] },
    },
    {
      name: 'contracts-are-pure',
      severity: 'error',
      comment: 'lrs/contracts/ is read by the server and the browser app alike: it imports nothing.',
      from: { path: '^lrs/contracts/' },
      to: { pathNot: '^lrs/contracts/' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', 'generated/locales/'] },
  },
};
