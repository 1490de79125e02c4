/** A scroll event as the list passes it on: Taro's, with `detail`. */
export type ScrollLike = { detail?: { scrollTop?: number; scrollHeight?: number } } | undefined

/**
 * Where the list is scrolled to, or null: on H5 a scroll event may reach the list without Taro's
 * `detail` (a dialog's content scrolling over the list); it says nothing of the list and is ignored.
 */
export function scrollPosition(event: ScrollLike): { scrollTop: number; scrollHeight: number } | null {
  const scrollTop = event?.detail?.scrollTop
  const scrollHeight = event?.detail?.scrollHeight
  return typeof scrollTop === 'number' && typeof scrollHeight === 'number' ? { scrollTop, scrollHeight } : null
}
