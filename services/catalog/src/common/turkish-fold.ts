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

/** Escapes the LIKE wildcards `%`, `_` and the escape character `\` in `text`. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
