/** The messages feature's words (留言/回复), in one place. */
export const M = {
  threadPage: '留言',
  reportThread: '留言',
  reportThreadHint: '有问题可以在这里留言，社区工作人员和处置人会回复您。',
  handlerThreadHint: '在这里回复居民，居民会在“消息”中看到。',
  general: '咨询社区',
  generalHint: '有事想问社区？在这里留言，社区工作人员会回复您。',
  empty: '还没有留言',
  placeholder: '请输入留言内容',
  replyPlaceholder: '请输入回复内容',
  send: '发送',
  reply: '回复',
  sent: '已发送',
  loadOlder: '查看更早的留言',
  loading: '正在加载…',
  openReport: '查看这件诉求',
  notAvailable: '当前后端暂不支持留言',
} as const
