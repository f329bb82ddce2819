// Lint rules: the recommended sets plus the layering rules of DESIGN.md (stages stay pure).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const stageBoundary = {
  patterns: [
    {
      group: ['**/storage/**', '**/server/**', '**/cli/**', '**/run/**'],
      message: 'Pipeline stages are pure: no storage, server, cli or run imports (DESIGN.md, Layout).',
    },
    {
      group: ['node:fs', 'node:fs/*', 'fs', 'better-sqlite3', 'pg', 'kysely'],
      message: 'Pipeline stages do no I/O; the orchestrator in run/ loads and stores.',
    },
  ],
};

const STAGES = ['acquire', 'extract', 'provenance', 'analyze', 'resolve', 'assess', 'brief'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'bench/.out/**', 'scratch/**', 'test/.screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        performance: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src/domain/**', 'src/lib/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*', '!../domain/*', '!../lib/*'],
              message: 'domain/ and lib/ import nothing outside themselves.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/pipeline/**/*.ts'],
    ignores: ['src/pipeline/acquire/**'],
    rules: { 'no-restricted-imports': ['error', stageBoundary] },
  },
  // A stage never imports another stage: shared vocabulary lives in domain/ and lib/.
  ...STAGES.map((stage) => ({
    files: [`src/pipeline/${stage}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...(stage === 'acquire' ? [] : stageBoundary.patterns),
            {
              group: STAGES.filter((s) => s !== stage).map((s) => `../${s}/*`),
              message: 'A stage never imports another stage (DESIGN.md, Layout).',
            },
          ],
        },
      ],
    },
  })),
);
