// Prettier for the board (src/main/resources/META-INF/resources: the ES modules, index.html, app.css) and for this
// folder's own files. Each setting keeps what the hand-written code already did, so the one formatting commit
// changed layout only, not the look of the code:
export default {
  // the lines were written to 120 columns (the Java sources wrap at 100, but the board's call trees of el(...) read
  // better wide); ESLint's max-len holds comments and strings to the same width, which Prettier does not break
  printWidth: 120,
  // every string of the board is single-quoted; templates stay backticks
  singleQuote: true,
  // one-parameter arrows are written bare: rows.map(r => r.ticker)
  arrowParens: 'avoid',
  // trailing commas already ended multi-line literals; a new entry then touches one line in a diff
  trailingComma: 'all',
  overrides: [
    // the stylesheet's strings ("Segoe UI", [aria-invalid="true"]) are double-quoted, as CSS is usually written
    { files: '*.css', options: { singleQuote: false } },
  ],
};
