/** Words of the tab pages added with the workspace, notices and messages. */
export const P = {
  notices: '通知公告',
  unread: (n: number) => `${n}条未读`,
  noticesEmpty: '暂时没有通知',
  threads: '留言',
  threadsEmpty: '还没有留言',
  askCommunity: '咨询社区',
  askCommunityHint: '有事想问社区？点这里留言',
  loadMore: '加载更多',
  noMore: '没有更多了',
  messagesEmptyTitle: '暂无消息',
  messagesEmpty: '社区通知、楼栋广播和留言回复会显示在这里。诉求的办理进度请在“办事”中查看。',
  retry: '（点此重试）',
  /** 消息 to someone signed out: what appears here once they sign in. */
  messagesSignIn: '登录后，社区通知、楼栋广播和社区给您的留言回复都会显示在这里。',
} as const
