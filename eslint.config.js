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
];
