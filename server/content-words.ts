import { readFileSync } from 'node:fs'
import { DEFAULT_WORDS, parseWordList, WordListError, type WordEntry } from '../src/domain/moderation/words'

/**
 * The word list of the offline content check (issue 13): the file named by LINLI_CONTENT_WORDS
 * (lines `reject 词` / `review 词`, `#` comments), which replaces the built-in list; unset, the
 * built-in list (src/domain/moderation/words.ts). An unreadable or malformed file is a problem of
 * the configuration: the server does not start with a list it half understood.
 */
export function loadContentWords(path: string | undefined, problems: string[]): { source: string; entries: WordEntry[] } {
  if (!path) return { source: 'built-in', entries: [...DEFAULT_WORDS] }
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    problems.push(`LINLI_CONTENT_WORDS: cannot read ${path} (${error instanceof Error ? error.message : String(error)})`)
    return { source: path, entries: [] }
  }
  try {
    return { source: path, entries: parseWordList(text) }
  } catch (error) {
    if (!(error instanceof WordListError)) throw error
    problems.push(`LINLI_CONTENT_WORDS: ${path} ${error.message}`)
    return { source: path, entries: [] }
  }
}
