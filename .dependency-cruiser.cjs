/**
 * The architecture's import rules (DESIGN.md §3, STYLE.md): checked by `npm run lint`.
 * - A bounded context reaches another only through that context's index.ts (its public surface).
 * - kernel and contracts do no I/O and depend on nothing of ours but each other.
 * - platform (ports and adapters) knows no context.
 * - Only src/app (the composition root) wires contexts to adapters.
 * - The web app imports only src/contracts.
 */
const contexts = 'identity|catalog|live|cart|media|realtime|sales|links|analytics|embed|webhooks|stream|shares|gifts';

module.exports = {
  forbidden: [
    {
      name: 'context-internals',
      comment: "A context may import another context only through its index.ts.",
      severity: 'error',
      from: { path: `^src/(${contexts})/` },
      to: { path: `^src/(${contexts})/`, pathNot: [`^src/$1/`, `^src/(${contexts})/index\\.ts$`] },
    },
    {
      name: 'core-stays-pure',
      comment: 'kernel and contracts must not depend on platform, contexts or app.',
      severity: 'error',
      from: { path: '^src/(kernel|contracts)/' },
      to: { path: `^src/(platform|app|${contexts})/` },
    },
    {
      name: 'platform-knows-no-context',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: `^src/(app|${contexts})/` },
    },
    {
      name: 'only-app-composes',
      comment: 'Nothing outside src/app imports the composition root.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/app/' },
      to: { path: '^src/app/' },
    },
    {
      name: 'contexts-use-ports-not-adapters',
      comment: 'Contexts depend on port interfaces; only src/app picks adapters (a unit test, or a fixture shared by unit tests, may pick one).',
      severity: 'error',
      from: { path: `^src/(${contexts})/`, pathNot: '\\.(test|fixture)\\.ts$' },
      to: { path: '^src/platform/.+\\.(pglite|postgres|memory|redis|nats)\\.ts$' },
    },
    {
      name: 'web-imports-only-contracts',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^src/', pathNot: '^src/contracts/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.json'] },
  },
};
