import { auditEventWords, heldForLabel } from '../../../src/domain/moderation/held-for'

describe('heldForLabel: why a text waits, as a moderator reads it', () => {
  it.each([
    ['词表：加微信', '命中敏感词“加微信”'],
    ['词表: 日赚', '命中敏感词“日赚”'],
    ['20003', '微信内容安全：疑似辱骂'],
    ['10001', '微信内容安全：疑似广告'],
    ['wechat', '微信内容安全建议人工审核'],
    ['no_openid', '无法交给微信检查，请人工审核'],
    ['wechat_rate_limited', '微信内容安全暂时不可用，请人工审核'],
    ['wechat_errcode_40003', '微信内容安全暂时不可用，请人工审核'],
    ['checker:failed', '自动检查没能完成，请人工审核'],
    ['checker:unknown-answer', '自动检查没能完成，请人工审核'],
    ['check_failed', '自动检查没能完成，请人工审核'],
    ['keyword:review', '需人工审核（keyword:review）'],
    ['', '需人工审核'],
  ])('%s → %s', (reason, words) => {
    expect(heldForLabel(reason)).toBe(words)
  })
})

describe('auditEventWords: who, what, on what', () => {
  it('names the actor with their role, the action and the subject with whom it concerns', () => {
    expect(
      auditEventWords({ actor: { id: 'u-zhang', name: '张敏', role: 'staff' }, action: 'moderation.approve', subject: { kind: 'message', id: 'm1' }, concerns: { id: 'u-wang', name: '王秀兰' } }),
    ).toEqual({ who: '张敏（社区工作者）', what: '审核通过', on: '留言 · 涉及 王秀兰' })
  })

  it('an erased actor reads 已注销用户; no one concerned: the subject alone', () => {
    expect(auditEventWords({ actor: { id: 'u-x', name: '', role: 'admin' }, action: 'vote.paper_ballot', subject: { kind: 'vote', id: 'v1' } })).toEqual({
      who: '已注销用户（管理员）',
      what: '录入纸质选票',
      on: '表决',
    })
  })
})
