/**
 * The name an uploaded file is imported under: `startCustomerImport` accepts 1–200 letters,
 * digits, spaces, `.`, `_` and `-`, starting with a letter or digit (the object key is
 * `imports/customers/<importId>/<name>`). The CLI and the admin app both turn a local file name
 * ("people (2).csv", "Kundenliste_März.csv") into one the API takes.
 */
export function uploadFileName(name: string): string {
  const safe = name
    .replace(/[^A-Za-z0-9 ._-]/g, '_')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 200);
  return safe === '' ? 'upload.csv' : safe;
}
