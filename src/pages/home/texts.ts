/** The front door's words (首页): what waits for my household in 议事, the latest notices. */
export const H = {
  votesToCast: '待您表决',
  toAcknowledge: '请承诺遵守',
  nearThreshold: '快达到附议数的议题',
  latestDisclosure: '最新公开',
  latestNotices: '最新通知',
  allNotices: '查看全部通知',
  hub: '进入议事厅（公约 · 议题 · 表决 · 公开）',
  closesAt: (when: string) => `${when}截止`,
  cosignsOf: (n: number, threshold: number) => `已有${n}户附议，满${threshold}户列入议程`,
  acknowledgeHint: '看一看，代表您家承诺遵守',
  loadFailed: '议事信息没有加载出来',
  retry: '（点此重试）',
}
