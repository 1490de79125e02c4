/** The messages feature's words (留言/回复); a conversation's own words are THREAD in src/ui/texts. */
export const M = {
  threadPage: '留言',
  general: '咨询社区',
  generalHint: '有事想问社区？在这里留言，社区工作人员会回复您。',
  openReport: '查看这件诉求',
  notAvailable: '当前后端暂不支持留言',
} as const
