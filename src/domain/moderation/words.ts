/**
 * The offline content check (issue 13): a word list of `reject` and `review` entries, matched on a
 * normal form of the text so that the usual disguises do not slip through — full-width letters
 * (ＶＸ), upper case (VX), and spaces, punctuation, symbols or emoji put between the characters
 * (网 赌、网-赌、网🎲赌). It answers as the core's `ContentCheck` port does (src/core/context.ts):
 * `reject` if any reject entry matches, else `review` if any review entry does, else `pass`; the
 * reason names the entry (for the record, never shown to the writer).
 *
 * Entries with a Chinese (non-ASCII) character match anywhere in the text once its separators are
 * taken out. Entries of ASCII letters and digits only match a whole word (or a word spelled out
 * with separators: `v x`), so that a short entry does not match inside longer words.
 */

export type WordAction = 'reject' | 'review'

export interface WordEntry {
  action: WordAction
  /** As written in the list. */
  word: string
}

/** A word list ready to match: each entry with its normal form. */
export interface WordList {
  readonly entries: ReadonlyArray<WordEntry & { normal: string; ascii: boolean }>
}

/** What the word list answers: the shape of the core's `ContentVerdict`. */
export type WordVerdict = { verdict: 'pass' } | { verdict: 'review'; reason: string } | { verdict: 'reject'; reason: string }

/**
 * The built-in list, for a community app: advertising and scams that have no place in it (refused),
 * and abuse or solicitation a person should look at first (held for review). A deployment replaces
 * it with a file of its own (the server's LINLI_CONTENT_WORDS); WeChat's check catches the rest.
 */
export const DEFAULT_WORDS: readonly WordEntry[] = [
  { action: 'reject', word: '代开发票' },
  { action: 'reject', word: '办假证' },
  { action: 'reject', word: '裸聊' },
  { action: 'reject', word: '刷单返利' },
  { action: 'reject', word: '信用卡套现' },
  { action: 'reject', word: '网赌平台' },
  { action: 'reject', word: '博彩网站' },
  { action: 'review', word: '网赌' },
  { action: 'review', word: '傻逼' },
  { action: 'review', word: '他妈的' },
  { action: 'review', word: '去死' },
  { action: 'review', word: '贱人' },
  { action: 'review', word: '加微信' },
  { action: 'review', word: '日赚' },
]

/**
 * Code units taken out before matching: white space, ASCII punctuation and symbols, Latin-1's,
 * general punctuation (zero-width characters and joiners included), arrows, mathematical and
 * technical symbols, box drawing, shapes, dingbats, CJK symbols and punctuation, the katakana middle
 * dot, variation selectors, vertical and small forms, full-width punctuation left after folding, the
 * byte-order mark. Emoji (astral symbols) are taken out apart, as surrogate pairs.
 */
const SEPARATORS =
  /[\s!-/:-@[-`{-~\u00a0-\u00bf\u2000-\u206f\u2190-\u2bff\u2e00-\u2e7f\u3000-\u303f\u30fb\ufe00-\ufe0f\ufe10-\ufe1f\ufe30-\ufe6f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\ufeff]/g
const ASTRAL_SYMBOLS = /[\ud83c-\ud83e][\udc00-\udfff]/g

/** Full-width ASCII (ＡＢＣ１２３！) to ASCII, and the ideographic space to a space, where `normalize` is missing. */
function foldWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ')
}

/** The text folded (NFKC: full-width and compatibility forms, ①→1), in lower case. */
function fold(text: string): string {
  const folded = typeof text.normalize === 'function' ? text.normalize('NFKC') : text
  return foldWidth(folded).toLowerCase()
}

/** The text as matched: folded, lower case, every separator taken out. */
export function normalForm(text: string): string {
  return fold(text).replace(ASTRAL_SYMBOLS, '').replace(SEPARATORS, '')
}

const isAsciiWord = (normal: string) => /^[a-z0-9]+$/.test(normal)

/** The ASCII words of a text: as written, and as spelled out with separators (`v x` → `vx`). */
function asciiWords(text: string): Set<string> {
  const folded = fold(text).replace(ASTRAL_SYMBOLS, ' ')
  const words = new Set(folded.match(/[a-z0-9]+/g) ?? [])
  for (const word of normalForm(text).match(/[a-z0-9]+/g) ?? []) words.add(word)
  return words
}

/** A list to match from its entries; an entry whose normal form is empty (only punctuation) is left out. */
export function wordList(entries: readonly WordEntry[]): WordList {
  return {
    entries: entries
      .map((e) => ({ ...e, normal: normalForm(e.word) }))
      .filter((e) => e.normal.length > 0)
      .map((e) => ({ ...e, ascii: isAsciiWord(e.normal) })),
  }
}

/** The entries of `list` the text matches, reject entries first. */
export function matchWords(list: WordList, text: string): WordEntry[] {
  const normal = normalForm(text)
  let words: Set<string> | null = null
  const found: WordEntry[] = []
  for (const entry of list.entries) {
    const hit = entry.ascii ? (words ??= asciiWords(text)).has(entry.normal) : normal.includes(entry.normal)
    if (hit) found.push({ action: entry.action, word: entry.word })
  }
  return [...found.filter((e) => e.action === 'reject'), ...found.filter((e) => e.action === 'review')]
}

/** The verdict of the list on a text. */
export function checkWords(list: WordList, text: string): WordVerdict {
  const [first] = matchWords(list, text)
  if (!first) return { verdict: 'pass' }
  return { verdict: first.action, reason: `词表：${first.word}` }
}

/** A content checker over a word list (the core's `ContentCheck`, without importing it: domain ← core). */
export function wordListCheck(list: WordList): { text(subject: { text: string }): Promise<WordVerdict> } {
  return { text: async (subject) => checkWords(list, subject.text) }
}

/** Why a word list file cannot be read: the line and what is wrong with it (for the server's start-up error). */
export class WordListError extends Error {
  constructor(
    readonly line: number,
    problem: string,
  ) {
    super(`line ${line}: ${problem}`)
    this.name = 'WordListError'
  }
}

/**
 * A word list file: one entry per line, `reject 词` or `review 词` (the word may hold spaces);
 * blank lines and lines starting with `#` are skipped. Anything else is a WordListError.
 */
export function parseWordList(text: string): WordEntry[] {
  const entries: WordEntry[] = []
  text.split(/\r\n?|\n/).forEach((raw, index) => {
    const line = raw.replace(/^\ufeff/, '').trim()
    if (line === '' || line.startsWith('#')) return
    const match = /^(\S+)\s+(.+)$/.exec(line)
    if (!match) throw new WordListError(index + 1, `expected "reject <word>" or "review <word>", got "${line}"`)
    const action = match[1].toLowerCase()
    if (action !== 'reject' && action !== 'review') throw new WordListError(index + 1, `unknown action "${match[1]}" (reject or review)`)
    const word = match[2].trim()
    if (normalForm(word) === '') throw new WordListError(index + 1, `"${word}" has no letters to match`)
    entries.push({ action, word })
  })
  return entries
}
