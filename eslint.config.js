// One lint config for the repo. The block for src/sim is the point of it: the simulated
// cluster must stay framework-free and on the virtual clock, so imports of UI libraries or
// of the UI/state layers, and every source of wall-clock time or ambient randomness, fail lint.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const frameworkImports = [
  { group: ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'd3', 'd3-*', 'monaco-editor', 'monaco-editor/*', '@xterm/*'], message: 'src/sim is framework-free: no UI libraries here.' },
  { group: ['**/ui/**', '**/state/**', '../ui', '../state'], message: 'src/sim must not depend on the UI or state layers (type-only imports included).' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Processes and kubectl commands are generators on the virtual clock; many finish
      // without ever waiting, and that is not a mistake.
      'require-yield': 'off',
    },
  },
  {
    // The page's first load: kubectl is a chunk of its own (src/sim/kubectl/tool.ts, imported
    // dynamically by the store); a static import of it here would pull it back in. The
    // printers the view model uses are allowed, and so are type-only imports. Lazy parts of
    // the page (terminal, lessons, charts, control plane, Monaco) may import it.
    files: ['src/state/**/*.ts', 'src/ui/**/*.ts', 'src/ui/**/*.tsx', 'src/main.tsx'],
    ignores: ['**/*.test.ts', 'src/ui/terminal/**', 'src/ui/lesson/**', 'src/ui/charts/**', 'src/ui/controlplane/**', 'src/ui/editor/Monaco*.tsx', 'src/ui/editor/monaco.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: ['**/sim/kubectl/*.ts', '**/sim/kubectl/commands/**'], allowTypeImports: true, message: 'kubectl loads apart from the page: use the driver (currentDriver().read, submit) or import it in a lazy chunk.' }],
      }],
    },
  },
  {
    files: ['src/sim/**/*.ts'],
    ignores: ['src/sim/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: frameworkImports }],
      'no-restricted-globals': ['error',
        { name: 'setTimeout', message: 'Use the virtual clock.' },
        { name: 'setInterval', message: 'Use the virtual clock.' },
        { name: 'requestAnimationFrame', message: 'Use the virtual clock.' },
        { name: 'window', message: 'src/sim has no DOM.' },
        { name: 'document', message: 'src/sim has no DOM.' },
        { name: 'performance', message: 'Use the virtual clock.' },
      ],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'Use the virtual clock.' },
        { object: 'Math', property: 'random', message: 'Use the seeded generator (src/sim/random.ts).' },
      ],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'new Date() reads the wall clock; use the virtual clock.' },
      ],
    },
  },
);
