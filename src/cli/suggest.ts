// "Did you mean": the known word closest to a mistyped one, when it is close enough to be a
// typo (a few edits, or the start of exactly one word) rather than another word altogether.

/** Edits (insert, delete, substitute, swap of neighbours) that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}

export function closestWord(typed: string, known: readonly string[]): string | undefined {
  const allowed = Math.max(1, Math.floor(typed.length / 4));
  const ranked = known.map((word) => ({ word, distance: editDistance(typed, word) })).sort((x, y) => x.distance - y.distance);
  if (ranked.length > 0 && ranked[0].distance <= allowed) return ranked[0].word;
  const extending = known.filter((word) => typed.length >= 3 && word.startsWith(typed));
  return extending.length === 1 ? extending[0] : undefined;
}

/** ` (did you mean X?)`, or nothing. */
export function didYouMean(typed: string, known: readonly string[], prefix = ''): string {
  const word = closestWord(typed, known);
  return word === undefined ? '' : ` (did you mean ${prefix}${word}?)`;
}
