/** A run of characters of a before/after pair: kept in both, only before (removed), only after (added). */
export interface Piece {
  kind: 'same' | 'removed' | 'added'
  text: string
}

/** Past this many cells the middle is shown as one replacement instead of character by character. */
const MAX_CELLS = 250_000

/**
 * The characters that changed between two texts (an article before and after): the common start
 * and end are kept, the middle is matched by the longest common subsequence of characters. Counts
 * code points, so a character outside the BMP is never split.
 */
export function charDiff(before: string, after: string): Piece[] {
  const a = Array.from(before)
  const b = Array.from(after)
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--
    endB--
  }
  const pieces: Piece[] = []
  const push = (kind: Piece['kind'], text: string) => {
    if (!text) return
    const last = pieces[pieces.length - 1]
    if (last && last.kind === kind) last.text += text
    else pieces.push({ kind, text })
  }
  push('same', a.slice(0, start).join(''))
  const midA = a.slice(start, endA)
  const midB = b.slice(start, endB)
  if (midA.length * midB.length > MAX_CELLS) {
    push('removed', midA.join(''))
    push('added', midB.join(''))
  } else {
    // lengths[i][j]: the longest common subsequence of midA[i..] and midB[j..].
    const n = midA.length
    const m = midB.length
    const lengths = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1))
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lengths[i][j] = midA[i] === midB[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1])
      }
    }
    let i = 0
    let j = 0
    while (i < n && j < m) {
      if (midA[i] === midB[j]) {
        push('same', midA[i])
        i++
        j++
      } else if (lengths[i + 1][j] >= lengths[i][j + 1]) push('removed', midA[i++])
      else push('added', midB[j++])
    }
    while (i < n) push('removed', midA[i++])
    while (j < m) push('added', midB[j++])
  }
  push('same', a.slice(endA).join(''))
  return pieces
}
