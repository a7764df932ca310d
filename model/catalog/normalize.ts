/**
 * Name normalisation for catalog search (docs/catalog.md): lower case, accents folded by a table
 * (APPSYNC_JS has no `String.prototype.normalize` and no regex literals, and the same code runs in
 * Lambda functions), then split into words at whitespace and punctuation. "Café Crème" → ["cafe",
 * "creme"]. Characters outside the table and outside ASCII punctuation stay as they are (lower
 * cased), so non-Latin names are still searchable by their own words.
 */

/** Folded form of each accented lower-case letter (Latin-1 Supplement and Latin Extended-A). */
// prettier-ignore
const FOLD: Record<string, string> = {
  à: 'a', á: 'a', â: 'a', ã: 'a', ä: 'a', å: 'a', ā: 'a', ă: 'a', ą: 'a', æ: 'ae',
  ç: 'c', ć: 'c', ĉ: 'c', ċ: 'c', č: 'c',
  ď: 'd', đ: 'd', ð: 'd',
  è: 'e', é: 'e', ê: 'e', ë: 'e', ē: 'e', ĕ: 'e', ė: 'e', ę: 'e', ě: 'e',
  ĝ: 'g', ğ: 'g', ġ: 'g', ģ: 'g',
  ĥ: 'h', ħ: 'h',
  ì: 'i', í: 'i', î: 'i', ï: 'i', ĩ: 'i', ī: 'i', ĭ: 'i', į: 'i', ı: 'i',
  ĵ: 'j', ķ: 'k',
  ĺ: 'l', ļ: 'l', ľ: 'l', ŀ: 'l', ł: 'l',
  ñ: 'n', ń: 'n', ņ: 'n', ň: 'n',
  ò: 'o', ó: 'o', ô: 'o', õ: 'o', ö: 'o', ø: 'o', ō: 'o', ŏ: 'o', ő: 'o', œ: 'oe',
  ŕ: 'r', ŗ: 'r', ř: 'r',
  ś: 's', ŝ: 's', ş: 's', š: 's', ß: 'ss',
  ţ: 't', ť: 't', ŧ: 't', þ: 'th',
  ù: 'u', ú: 'u', û: 'u', ü: 'u', ũ: 'u', ū: 'u', ŭ: 'u', ů: 'u', ű: 'u', ų: 'u',
  ŵ: 'w', ý: 'y', ÿ: 'y', ŷ: 'y', ź: 'z', ż: 'z', ž: 'z',
};

/** Where words end: ASCII whitespace and punctuation (so `#`, the key separator, never is in a word). */
const SEPARATORS = ' \t\n\r\f\v!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~\u00a0\u2013\u2014\u2019\u00b7';

/** Lower-cased and accent-folded text (separators kept). */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .split('')
    .map((c) => FOLD[c] ?? c)
    .join('');
}

/** The words of a text after folding, in order (duplicates kept). */
export function wordsOf(text: string): string[] {
  const words: string[] = [];
  let current = '';
  for (const c of foldText(text).split('')) {
    if (SEPARATORS.indexOf(c) >= 0) {
      if (current !== '') words.push(current);
      current = '';
    } else current = current + c;
  }
  if (current !== '') words.push(current);
  return words;
}

/** Distinct words in first-seen order: one search token per word of a product's name. */
export function distinctWords(text: string): string[] {
  const out: string[] = [];
  for (const w of wordsOf(text)) if (out.indexOf(w) < 0) out.push(w);
  return out;
}

/** The name's sort form (words joined by one space): case- and accent-insensitive name order. */
export function nameSortKey(name: string): string {
  return wordsOf(name).join(' ');
}
