import type { ContentCheck } from '../../../src/core/context'
import { canModerate, canSeeModerated, validateModerationReason } from '../../../src/domain/moderation/rules'
import { checkWords, DEFAULT_WORDS, matchWords, normalForm, parseWordList, wordList, wordListCheck, WordListError } from '../../../src/domain/moderation/words'

const list = wordList([
  { action: 'reject', word: '代开发票' },
  { action: 'review', word: '网赌' },
  { action: 'review', word: 'VX' },
  { action: 'reject', word: 'casino' },
])

describe('the word list', () => {
  it.each([
    ['plain', '本店代开发票，欢迎咨询'],
    ['spaces between the characters', '本店代 开 发 票'],
    ['punctuation and symbols between them', '代-开.发·票！'],
    ['full-width and CJK punctuation', '代，开、发。票'],
    ['emoji between them', '代🔥开💰发票'],
    ['zero-width characters between them', '代\u200b开\u200d发\ufeff票'],
  ])('refuses an entry written %s', (_how, text) => {
    expect(checkWords(list, text)).toEqual({ verdict: 'reject', reason: '词表：代开发票' })
  })

  it('holds a review entry for review, and a reject entry wins over a review one', () => {
    expect(checkWords(list, '有人在群里拉人网 赌')).toEqual({ verdict: 'review', reason: '词表：网赌' })
    expect(checkWords(list, '网赌和代开发票都有')).toEqual({ verdict: 'reject', reason: '词表：代开发票' })
    expect(matchWords(list, '网赌和代开发票都有').map((e) => e.word)).toEqual(['代开发票', '网赌'])
  })

  it('passes what matches nothing', () => {
    expect(checkWords(list, '小区南门口的路灯坏了，晚上很黑')).toEqual({ verdict: 'pass' })
    expect(checkWords(list, '')).toEqual({ verdict: 'pass' })
  })

  it('folds full-width letters and case, and matches ASCII entries as whole words (or spelled out)', () => {
    expect(normalForm('ＶＸ：ＡＢＣ１２３')).toBe('vxabc123')
    expect(checkWords(list, '加ｖｘ详聊')).toMatchObject({ verdict: 'review' })
    expect(checkWords(list, '加 V X 详聊')).toMatchObject({ verdict: 'review' })
    expect(checkWords(list, 'Online CASINO here')).toMatchObject({ verdict: 'reject' })
    // Not inside a longer word: "vx" in "vxlan", "casino" in "casinos".
    expect(checkWords(list, 'the vxlan bridge of the casinos')).toEqual({ verdict: 'pass' })
  })

  it('answers as the core’s ContentCheck port does', async () => {
    const check: ContentCheck = wordListCheck(list)
    expect(await check.text({ kind: 'message', text: '网赌', communityId: 'c', author: { userId: 'u' } })).toEqual({ verdict: 'review', reason: '词表：网赌' })
  })

  it('has a short built-in list of both kinds that a plain community text passes', () => {
    const builtIn = wordList(DEFAULT_WORDS)
    expect(DEFAULT_WORDS.some((e) => e.action === 'reject') && DEFAULT_WORDS.some((e) => e.action === 'review')).toBe(true)
    expect(builtIn.entries).toHaveLength(DEFAULT_WORDS.length)
    expect(checkWords(builtIn, '3号楼电梯停了两天，老人上下楼很不方便，请尽快维修')).toEqual({ verdict: 'pass' })
    expect(checkWords(builtIn, '专业代开发票')).toMatchObject({ verdict: 'reject' })
  })
})

describe('a word list file', () => {
  it('reads `reject 词` and `review 词` lines, skipping blanks and # comments', () => {
    expect(parseWordList('\ufeff# 本社区词表\n\nreject 代开发票\r\nREVIEW  加 微信 \n')).toEqual([
      { action: 'reject', word: '代开发票' },
      { action: 'review', word: '加 微信' },
    ])
  })

  it.each([
    ['no word', 'reject', 1],
    ['an unknown action', 'ban 网赌', 1],
    ['a word of punctuation only', 'review 。。。', 1],
    ['a bad third line', 'reject 甲\nreview 乙\nblock 丙', 3],
  ])('refuses %s, naming the line', (_what, text, line) => {
    let error: unknown
    try {
      parseWordList(text)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(WordListError)
    expect((error as WordListError).line).toBe(line)
  })
})

describe('who sees a held text', () => {
  const staff = { id: 'u-staff', roles: ['staff'] as const, communityId: 'c' }
  const admin = { id: 'u-admin', roles: ['admin'] as const, communityId: 'c' }
  const grid = { id: 'u-grid', roles: ['grid_worker'] as const, communityId: 'c' }
  const street = { id: 'u-street', roles: ['street_staff'] as const, communityId: null }

  it('lets staff and admins of a community moderate, nobody else', () => {
    expect([staff, admin, grid, street].map((a) => canModerate(a))).toEqual([true, true, false, false])
  })

  it('shows a published text to all, a held one to its author and moderators, a refused one to its author only', () => {
    const viewers = { author: { id: 'u-a', moderator: false }, other: { id: 'u-b', moderator: false }, moderator: { id: 'u-m', moderator: true } }
    const seen = (moderation?: { status: 'held' } | { status: 'rejected'; reason: string }) =>
      Object.fromEntries(Object.entries(viewers).map(([name, v]) => [name, canSeeModerated(v, { authorId: 'u-a', moderation })]))
    expect(seen()).toEqual({ author: true, other: true, moderator: true })
    expect(seen({ status: 'held' })).toEqual({ author: true, other: false, moderator: true })
    expect(seen({ status: 'rejected', reason: '含广告' })).toEqual({ author: true, other: false, moderator: false })
  })

  it('asks a refusal for a reason of 2–200 characters', () => {
    expect(validateModerationReason('广告')).toBeNull()
    expect(validateModerationReason(' 广 ')).toMatch(/至少2个字/)
    expect(validateModerationReason(undefined)).toMatch(/至少2个字/)
    expect(validateModerationReason('很'.repeat(201))).toMatch(/不能超过200个字/)
  })
})
