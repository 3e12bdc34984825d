// ESLint for the board (src/main/resources/META-INF/resources) and this folder's tests. Run from the repository's
// root with this file named (`-c board/eslint.config.js`, as package.json's scripts do): the board's files are
// not under this folder, and ESLint looks for a config beside the files it lints. Layout is Prettier's
// (prettier.config.js); ESLint's recommended rules have none of it, so the two never disagree.
import js from '@eslint/js';
import stylistic from '@stylistic/eslint-plugin';
import globals from 'globals';

export default [
  js.configs.recommended,
  {
    files: ['**/*.js'],
    plugins: { '@stylistic': stylistic },
    rules: {
      // Prettier wraps code at 120 but leaves long strings and comments as they are: this holds them to it too
      '@stylistic/max-len': ['error', { code: 120, ignoreUrls: true }],
      // `x == null` stays allowed: it means null or undefined, which is what the board's checks want
      eqeqeq: ['error', 'smart'],
      'no-var': 'error',
      'prefer-const': 'error',
      // a local named like a module's export (words.js codes) reads as a call of the export
      'no-shadow': 'error',
      curly: ['error', 'multi-line'],
      'object-shorthand': 'error',
      'no-eval': 'error',
    },
  },
  {
    files: ['src/main/resources/META-INF/resources/**/*.js'],
    languageOptions: { globals: globals.browser },
    rules: {
      // Names and messages come from stored operators and rule files: the board builds its DOM with dom.js's el()
      // and text nodes, never by parsing HTML, so no such text can become markup.
      'no-restricted-properties': [
        'error',
        ...['innerHTML', 'outerHTML', 'insertAdjacentHTML'].map(property => ({
          property,
          message: 'Build nodes with el() and fill() (dom.js): text from the service must never be parsed as HTML.',
        })),
        { object: 'document', property: 'write', message: 'Build nodes with el() (dom.js).' },
      ],
    },
  },
  { files: ['board/**/*.js'], languageOptions: { globals: globals.node } },
];
