/**
 * Folds text for search: Turkish lower case (İ → i, I → ı), then dotless ı to i and every
 * diacritic removed (ş → s, ç → c, ğ → g, ö → o, ü → u). So `ismail` matches `İSMAİL`, `ışık`
 * matches `Işık`, and users without a Turkish keyboard find both with `isik`.
 */
export function foldForSearch(text: string): string {
  return text
    .toLocaleLowerCase('tr')
    .replaceAll('ı', 'i')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Folds a name for uniqueness checks the way the unique indexes do: Turkish dotted and dotless
 * I both become i, then lower case. SQL twin: `lower(translate(name, 'İIı', 'iii'))`.
 */
export function foldName(name: string): string {
  return name.replace(/[İIı]/g, 'i').toLowerCase();
}

/** Escapes the LIKE wildcards `%`, `_` and the escape character `\` in `text`. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
