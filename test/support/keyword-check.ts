import type { ContentCheck } from '../../src/core/context'

/** In a text, the content check holds it for review (the test's stand-in for WeChat's 疑似 answer). */
export const REVIEW = '【审核】'
/** In a text, the content check refuses it. */
export const REJECT = '【拒绝】'

/**
 * The content check of the tests (issue 13): pass / review / reject by keyword, the same on every
 * adapter (core tests, the contract suite on memory and HTTP, the server tests). `calls` counts
 * what it was asked, so a test can tell a replay from a second check.
 */
export function keywordCheck(): ContentCheck & { calls: Array<{ kind: string; text: string; openid?: string }> } {
  const calls: Array<{ kind: string; text: string; openid?: string }> = []
  return {
    calls,
    text: async (subject) => {
      calls.push({ kind: subject.kind, text: subject.text, ...(subject.author.openid ? { openid: subject.author.openid } : {}) })
      if (subject.text.includes(REJECT)) return { verdict: 'reject', reason: 'keyword:reject' }
      if (subject.text.includes(REVIEW)) return { verdict: 'review', reason: 'keyword:review' }
      return { verdict: 'pass' }
    },
  }
}
