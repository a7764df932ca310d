/**
 * `,` or `;` (spreadsheets in many European locales export `;`): whichever appears more often
 * outside quotes in the header line; `,` on a tie.
 */
export type Delimiter = ',' | ';';

export function detectDelimiter(headerLine: string): Delimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ',') commas += 1;
    else if (!quoted && ch === ';') semicolons += 1;
  }
  return semicolons > commas ? ';' : ',';
}
