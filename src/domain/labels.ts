import type { RatingLevel, ReportAction, ReportStatus, Role } from '../../types/domain'

/** Chinese names of the domain's words, shared by every screen and by the server's messages. */

export const STATUS_LABEL: Record<ReportStatus, string> = {
  submitted: '已提交',
  accepted: '已受理',
  in_progress: '处置中',
  resolved: '已办结',
  closed: '已评价',
  rejected: '不予受理',
  transferred: '已转派',
  reopened: '重办中',
  merged: '已合并',
}

/** A tone per status for badges: waiting, working, done, stopped. */
export const STATUS_TONE: Record<ReportStatus, 'waiting' | 'working' | 'done' | 'stopped'> = {
  submitted: 'waiting',
  accepted: 'working',
  in_progress: 'working',
  resolved: 'done',
  closed: 'done',
  rejected: 'stopped',
  transferred: 'waiting',
  reopened: 'working',
  merged: 'stopped',
}

export const ACTION_LABEL: Record<ReportAction, string> = {
  submit: '提交诉求',
  accept: '受理',
  reject: '不予受理',
  assign: '派单',
  transfer: '转派',
  progress: '处置进展',
  resolve: '办结',
  rate: '评价',
  close: '结案',
  merge: '合并',
  escalate: '督办',
}

export const ROLE_LABEL: Record<Role, string> = {
  resident: '居民',
  building_leader: '楼栋长',
  grid_worker: '网格员',
  staff: '社区工作者',
  admin: '管理员',
  street_staff: '街道工作人员',
}

export const RATING_LABEL: Record<RatingLevel, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
}
