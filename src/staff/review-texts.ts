import { AUDIT_ACTION_LABEL, AUDIT_ACTIONS } from '../domain/moderation/audit'
import { MODERATION_KIND_LABEL } from '../domain/moderation/rules'

/** The words of 审核 (the moderation queue) and 操作记录 (the audit log), issue 13. */
export const R = {
  loading: '正在加载…',
  loadMore: '加载更多',
  noMore: '没有更多了',
  retry: '（点此重试）',
  cancel: '取消',

  // 审核
  moderationTitle: '内容审核',
  moderationOnly: '内容审核只对社区工作者和管理员开放',
  moderationUnavailable: '当前后端暂不支持内容审核',
  moderationIntro: '以下内容被自动检查拦下，暂时只有发布人和审核人能看到。通过后邻居们才能看到；不通过时请写明原因，发布人会看到。',
  heldCount: (n: string) => `待审核 ${n} 条`,
  moderationEmpty: '没有待审核的内容',
  kind: MODERATION_KIND_LABEL,
  wroteAt: (name: string, when: string) => `${name} · ${when}`,
  heldFor: (why: string) => `拦下原因：${why}`,
  approve: '通过',
  reject: '不通过',
  approved: '已通过，邻居们现在可以看到了',
  rejected: '已处理，发布人会看到原因',
  rejectReason: '不通过的原因（必填，发布人会看到）',
  quickReasons: '常用原因（点一下填入）',
  reasons: ['含有广告或联系方式', '含有不文明用语', '与社区事务无关', '涉及他人隐私'],
  reasonPlaceholder: '例如：含有广告信息，请删除联系方式后重新发布',
  confirmReject: '确认不通过',

  // 操作记录
  auditTitle: '操作记录',
  auditOnly: '操作记录只对社区工作者、管理员和街道工作人员开放',
  auditUnavailable: '当前后端暂不支持操作记录',
  auditIntro: '工作人员对居民事务的每一次操作都记录在这里，只增不改，最新的在前。',
  allActions: '全部操作',
  actionFilters: AUDIT_ACTIONS.map((a) => ({ value: a, label: AUDIT_ACTION_LABEL[a] })),
  auditEmpty: '还没有操作记录',
  auditEmptyFiltered: '没有这类操作的记录',
  note: (note: string) => `说明：${note}`,
}
