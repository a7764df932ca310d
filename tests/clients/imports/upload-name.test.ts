/** Local file names become names `startCustomerImport` accepts (letters, digits, space, . _ -). */
import { describe, expect, it } from 'vitest';
import { uploadFileName } from '../../../clients/imports/upload-name.js';

const ACCEPTED = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,199}$/;

describe('uploadFileName', () => {
  it('keeps a plain name as it is', () => {
    expect(uploadFileName('people-2024_05.csv')).toBe('people-2024_05.csv');
  });

  it('replaces what the API refuses, and starts with a letter or digit', () => {
    expect(uploadFileName('people (2).csv')).toBe('people _2_.csv');
    expect(uploadFileName('Kundenliste_März.csv')).toBe('Kundenliste_M_rz.csv');
    expect(uploadFileName('.hidden.csv')).toBe('hidden.csv');
    expect(uploadFileName('  spaced.csv')).toBe('spaced.csv');
  });

  it('always yields an accepted name, however odd the input', () => {
    for (const name of ['', '()', '日本語.csv', 'x'.repeat(300), '../../etc/passwd']) expect(uploadFileName(name)).toMatch(ACCEPTED);
    expect(uploadFileName('()')).toBe('upload.csv');
  });
});
