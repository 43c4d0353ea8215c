// Lint: typescript-eslint's recommended rules, plus the layering rule: the engine and the models
// never import the UI, the CLI, React or browser-only state; the UI may import the engine.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const uiOnly = ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*'];
const layer = (message, groups) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }],
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'test/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(it|test|describe)$/]", message: 'no focused tests' },
        { selector: "CallExpression[callee.property.name='skip'][callee.object.name=/^(it|test|describe)$/]", message: 'no skipped tests' },
      ],
    },
  },
  {
    files: ['app/engine/**/*.ts'],
    rules: layer('The engine is plain TypeScript: it never imports the UI, the CLI, React or zustand.', [
      '**/app/ui/**', '../ui/**', '../../ui/**', '**/app/cli/**', '../cli/**', '../../cli/**', ...uiOnly,
    ]),
  },
  {
    files: ['machines/**/*.ts'],
    rules: layer('A model imports the engine only (app/engine/index.ts).', [
      '**/app/ui/**', '**/app/cli/**', ...uiOnly,
    ]),
  },
  {
    files: ['app/ui/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
