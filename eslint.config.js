// Flat config. Resolvers get AppSync's own rules (the APPSYNC_JS restrictions lint can see);
// everything else gets typescript-eslint's recommended rules.
import appsync from '@aws-appsync/eslint-plugin';
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['node_modules/**', '.build/**', 'cdk.out/**', '**/generated/**', 'coverage/**', 'admin-ui/dist/**'] },
  ...tseslint.configs.recommended.map((c) => ({ ...c, files: ['**/*.ts'] })),
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    ...appsync.configs.recommended,
    files: ['resolvers/**/*.ts'],
    languageOptions: {
      ...appsync.configs.recommended.languageOptions,
      parserOptions: { project: './resolvers/tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['resolvers/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    // Type-aware safety for the local runtime and the build modules (non-test code): no value of
    // type any flows anywhere unchecked, and no assertion restates what the type already says.
    files: ['local/**/*.ts', 'build/**/*.ts'],
    ignores: ['**/*.test.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname } },
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
