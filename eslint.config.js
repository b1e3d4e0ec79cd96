// ESLint 9 flat config: typescript-eslint and eslint-plugin-svelte for correctness, eslint-config-prettier
// last so that layout is prettier's alone, and the import layers of docs/architecture.md as a rule.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

// The layers of src/lib, lowest first (docs/architecture.md, "Modules and the direction of imports"). A module
// may import any module of an earlier group, and none of a later one or of its own group but itself. The rule
// reads the import text, which works because pure modules import by relative path only (enforced below) and
// routes and components by `$lib/...`: a plain rule, no resolver or plugin to keep in step with the aliases.
const LAYERS = [
  ['common'],
  ['domain', 'signing'],
  ['vocab', 'cf', 'i18n'],
  ['privacy', 'engine', 'intent', 'import'],
  ['ranker', 'llm'],
  ['pipeline', 'documents'],
  ['portfolio'],
  ['client', 'server'],
  ['ui']
];
// no DOM, no I/O, no aliases: the same files run in the browser, in Node (tsx) and in Vitest
const PURE = ['common', 'domain', 'signing', 'vocab', 'cf', 'privacy', 'engine', 'intent', 'documents', 'ranker', 'llm', 'pipeline', 'portfolio', 'import'];
const OUTSIDE_LIB = '(?:src/)?(?:routes|cli|hooks\\.[a-z]+|service-worker)(?:[/.]|$)';
const into = (names) => `^(?:\\$lib/|(?:\\.\\./)+(?:src/)?(?:lib/)?)(?:${names.join('|')})(?:[/.]|$)`;

function layerRules() {
  const blocks = LAYERS.flatMap((group, g) =>
    group.map((name) => {
      const above = [...LAYERS.slice(g + 1).flat(), ...group.filter((n) => n !== name)];
      const patterns = [
        { regex: '^(?:\\$models/|(?:\\.\\./)+models/)', message: 'src/lib never imports models/ (offline tools): move what is needed into src/lib' },
        { regex: `^(?:\\.\\./)+${OUTSIDE_LIB}`, message: 'src/lib never imports routes or CLIs' }
      ];
      if (above.length)
        patterns.push({ regex: into(above), message: `${name} sits below ${above.join(', ')} (docs/architecture.md): imports go downwards by layer` });
      if (PURE.includes(name)) patterns.push({ regex: '^\\$', message: `${name} is pure: relative imports only, no aliases` });
      // client is the browser glue that starts the workers (workers/ are thin entry points over src/lib)
      if (name !== 'client') patterns.push({ regex: '^(?:\\$workers/|(?:\\.\\./)+workers/)', message: 'only src/lib/client starts workers' });
      return { files: [`src/lib/${name}/**`], rules: { 'no-restricted-imports': ['error', { patterns }] } };
    })
  );
  // a benchmark section registers itself in src/cli/bench.ts; it never imports that file back
  blocks.push({
    files: ['src/cli/bench/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^\\.\\./bench(?:\\.ts)?$', message: 'bench/* must not import bench.ts (a cycle): shared types live in bench/context.ts' }] }
      ]
    }
  });
  return blocks;
}

export default ts.config(
  {
    ignores: ['build/', '.svelte-kit/', 'node_modules/', 'static/models/', 'static/icons/', 'bench-results/', 'test-results/', 'data/', 'keys/', 'tmp/']
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // `_name` marks a parameter an interface requires but this implementation does not use
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }]
    }
  },
  {
    rules: {
      // Candor is always served at the origin's root: the service worker answers every navigation with the shell
      // at '/', the manifest's scope and the widget's iframe (/embed) are absolute, and kit.paths has no base, so
      // resolve() would return each href unchanged
      'svelte/no-navigation-without-resolve': 'off'
    }
  },
  {
    // the app-state classes replace their Maps and Sets wholesale ($state.raw, $derived) or keep them as private
    // bookkeeping that nothing renders; SvelteMap/SvelteSet would only add proxies
    files: ['src/lib/client/**/*.svelte.ts'],
    rules: { 'svelte/prefer-svelte-reactivity': 'off' }
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { projectService: false, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } }
  },
  ...layerRules()
);
