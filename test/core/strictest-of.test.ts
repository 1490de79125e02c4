import { strictestOf, type ContentCheck, type ContentSubject, type ContentVerdict } from '../../src/core/context'
import { ContentScreen } from '../../src/core/services/moderation'

const subject: ContentSubject = { kind: 'message', text: '你好', communityId: 'c-yy', author: { userId: 'u-wang' } }
const answering = (verdict: ContentVerdict): ContentCheck & { asked: number } => {
  const check = { asked: 0, text: async () => (check.asked++, verdict) }
  return check
}

describe('several content checks as one (the word list and WeChat on the server)', () => {
  it('asks each, and the strictest verdict wins: reject over review over pass', async () => {
    const pass = answering({ verdict: 'pass' })
    const review = answering({ verdict: 'review', reason: 'wechat:10001' })
    const reject = answering({ verdict: 'reject', reason: 'words:网赌' })
    expect(await strictestOf([pass, pass]).text(subject)).toEqual({ verdict: 'pass' })
    expect(await strictestOf([pass, review]).text(subject)).toEqual({ verdict: 'review', reason: 'wechat:10001' })
    expect(await strictestOf([review, reject, pass]).text(subject)).toEqual({ verdict: 'reject', reason: 'words:网赌' })
    expect([pass.asked, review.asked, reject.asked]).toEqual([4, 2, 1])
  })

  it('counts a checker that fails as review, never as pass', async () => {
    const broken: ContentCheck = { text: async () => Promise.reject(new Error('WeChat unreachable')) }
    expect(await strictestOf([answering({ verdict: 'pass' }), broken]).text(subject)).toEqual({ verdict: 'review', reason: 'check_failed' })
    expect(await strictestOf([broken, answering({ verdict: 'reject', reason: 'x' })]).text(subject)).toEqual({ verdict: 'reject', reason: 'x' })
  })
})

describe('the author’s openid', () => {
  const actor = { id: 'u-wang', name: '王秀兰', roles: ['resident' as const], communityId: 'c-yy', gridIds: [], buildingIds: [] }
  const seen: ContentSubject[] = []
  const checking = (needsOpenid: boolean): ContentCheck => ({ needsOpenid, text: async (s) => (seen.push(s), { verdict: 'pass' }) })
  const users = () => {
    const reads: unknown[] = []
    return { reads, findRecipients: async (q: unknown) => (reads.push(q), [{ id: 'u-wang', openid: 'o-wang' }]) }
  }

  it('is read for a checker that needs it (WeChat), and not for one that does not (a word list)', async () => {
    const withWeChat = users()
    await new ContentScreen(strictestOf([checking(false), checking(true)]), { users: withWeChat } as never).screen(actor as never, 'message', '你好', { field: 'body', message: 'x' })
    expect(withWeChat.reads).toHaveLength(1)
    expect(seen.pop()?.author).toEqual({ userId: 'u-wang', openid: 'o-wang' })

    const wordsOnly = users()
    await new ContentScreen(strictestOf([checking(false)]), { users: wordsOnly } as never).screen(actor as never, 'message', '你好', { field: 'body', message: 'x' })
    expect(wordsOnly.reads).toEqual([])
    expect(seen.pop()?.author).toEqual({ userId: 'u-wang' })
  })
})
