// One lint setup for every part of the project; the domain gets extra rules that keep it pure.
import tseslint from 'typescript-eslint';

const APPS_SCRIPT_GLOBALS = [
  'SpreadsheetApp',
  'DriveApp',
  'MailApp',
  'GmailApp',
  'LockService',
  'PropertiesService',
  'CacheService',
  'Session',
  'Utilities',
  'ScriptApp',
  'HtmlService',
  'Logger',
  'UrlFetchApp',
  'CardService',
  'console',
  'window',
  'document',
  'google',
].map((name) => ({ name, message: 'The domain is pure: pass what it needs in as data.' }));

export default tseslint.config(
  { ignores: ['node_modules/', 'build/', 'dist/', 'coverage/', 'test-artifacts/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'BinaryExpression[operator="instanceof"][right.name=/^(Date|Array)$/]',
          message: 'Values may come from another realm: use isDate() or Array.isArray().',
        },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...APPS_SCRIPT_GLOBALS],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'NewExpression[callee.name="Date"][arguments.length=0]',
          message: 'The domain takes "today" as a parameter; it never reads the clock.',
        },
        {
          selector: 'MemberExpression[object.name="Date"][property.name="now"]',
          message: 'The domain takes "today" as a parameter; it never reads the clock.',
        },
        {
          selector: 'NewExpression[callee.name="Date"][arguments.length>1]',
          message: 'Local-time dates shift with the machine time zone: use Date.UTC.',
        },
        {
          selector: 'BinaryExpression[operator="instanceof"][right.name=/^(Date|Array)$/]',
          message: 'Values may come from another realm: use isDate() or Array.isArray().',
        },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
