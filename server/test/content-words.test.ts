import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigError, loadConfig } from '../config'
import { DEFAULT_WORDS, checkWords, wordList } from '../../src/domain/moderation/words'

/** LINLI_CONTENT_WORDS (issue 13): the content check's word list, read and checked when the configuration is. */
describe('the content check’s word list in the configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'linli-words-'))
  const file = (name: string, text: string) => {
    const path = join(dir, name)
    writeFileSync(path, text, 'utf8')
    return path
  }

  it('is the built-in list when unset', () => {
    expect(loadConfig({}).contentWords).toEqual({ source: 'built-in', entries: [...DEFAULT_WORDS] })
  })

  it('is the file’s entries when set, in place of the built-in ones', () => {
    const path = file('words.txt', '# 本社区的词表\nreject 推销保险\nreview 加群\n')
    const { contentWords } = loadConfig({ LINLI_CONTENT_WORDS: path })
    expect(contentWords).toEqual({ source: path, entries: [{ action: 'reject', word: '推销保险' }, { action: 'review', word: '加群' }] })
    const list = wordList(contentWords.entries)
    expect(checkWords(list, '推 销 保 险，电话联系')).toMatchObject({ verdict: 'reject' })
    expect(checkWords(list, '代开发票')).toEqual({ verdict: 'pass' })
  })

  it('stops the start with the line that is wrong, or the file that cannot be read', () => {
    const bad = file('bad.txt', 'reject 推销保险\nblock 加群\n')
    expect(() => loadConfig({ LINLI_CONTENT_WORDS: bad })).toThrow(ConfigError)
    expect(() => loadConfig({ LINLI_CONTENT_WORDS: bad })).toThrow(/LINLI_CONTENT_WORDS: .*bad\.txt line 2: unknown action "block"/)
    expect(() => loadConfig({ LINLI_CONTENT_WORDS: join(dir, 'missing.txt') })).toThrow(/LINLI_CONTENT_WORDS: cannot read/)
  })
})
