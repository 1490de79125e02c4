/**
 * The words of the shared building blocks in src/ui, which several features show: a feature keeps
 * its own words in its texts.ts, and a word two features share lives here (features never import
 * each other).
 */

/** A conversation (留言/回复), on the thread page, a report's page and the handling page. */
export const THREAD = {
  reportThread: '留言',
  reportThreadHint: '有问题可以在这里留言，社区工作人员和处置人会回复您。',
  handlerThreadHint: '在这里回复居民，居民会在“消息”中看到。',
  empty: '还没有留言',
  placeholder: '写下您想问或想说的，例如：明天上午家里有人',
  replyPlaceholder: '写下给居民的回复',
  send: '发送',
  reply: '回复',
  loadOlder: '查看更早的留言',
  loading: '正在加载…',
} as const

/** The way into 工作台 from the 首页 and 我的 tabs. */
export const WORKSPACE_ENTRY = {
  title: '工作台',
  handlerHint: '待办工单、派单、回复留言',
  leaderHint: '发楼栋通知、帮邻居代报',
  icon: '工',
} as const
