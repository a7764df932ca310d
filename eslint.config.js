// Flat config. Resolvers get AppSync's own rules (the APPSYNC_JS restrictions lint can see);
// everything else gets typescript-eslint's recommended rules.
import appsync from '@aws-appsync/eslint-plugin';
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['node_modules/**', '.build/**', 'cdk.out/**', '**/generated/**', 'coverage/**', 'admin-ui/dist/**'] },
  ...tseslint.configs.recommended.map((c) => ({ ...c, files: ['**/*.ts'] })),
  // The admin app's Preact components (admin-ui/src/**/*.tsx).
  ...tseslint.configs.recommended.map((c) => ({ ...c, files: ['admin-ui/**/*.tsx'] })),
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    ...appsync.configs.recommended,
    // model/ is bundled into resolvers: it obeys the same APPSYNC_JS rules.
    files: ['resolvers/**/*.ts', 'model/**/*.ts'],
    languageOptions: {
      ...appsync.configs.recommended.languageOptions,
      parserOptions: { project: './resolvers/tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['resolvers/**/*.ts', 'model/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  // Typed end to end: no `any` may flow anywhere unchecked in non-test code, and no assertion
  // restates what the type already says (type-aware rules; resolvers and model/ use
  // resolvers/tsconfig.json above, everything else the root tsconfig).
  {
    files: ['functions/**/*.ts', 'local/**/*.ts', 'build/**/*.ts', 'infra/**/*.ts'],
    ignores: ['**/*.test.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname } },
  },
  {
    files: ['resolvers/**/*.ts', 'model/**/*.ts', 'functions/**/*.ts', 'local/**/*.ts', 'build/**/*.ts', 'infra/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'error',
      '@typescript-eslint/no-unsafe-member-access': 'error',
      '@typescript-eslint/no-unsafe-call': 'error',
      '@typescript-eslint/no-unsafe-return': 'error',
      '@typescript-eslint/no-unsafe-argument': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
    },
  },
];
