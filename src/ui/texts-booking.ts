/** The words of the booking parts 办事 and 首页 share (src/ui/booking-entries.tsx). */
export const BOOKING_ENTRY = {
  servicesTitle: '预约服务',
  allServices: '全部服务 ›',
  myBookings: '我的预约',
  allBookings: '全部预约 ›',
  noUpcoming: '暂无待办的预约，可在上方选择服务预约。',
  nextBooking: '我的下一个预约',
  retry: '（点此重试）',
} as const
