import { View } from '@tarojs/components'
import { VirtualList } from '@tarojs/components-advanced'
import { observer } from 'mobx-react-lite'
import { useEffect, useLayoutEffect, useRef, useState, type ComponentType, type ReactNode } from 'react'
import { viewportHeight } from '../platform/viewport'
import { useStores } from '../stores/context'
import './virtual-page.css'
import { scrollPosition, type ScrollLike } from './scroll-position'

/** One block of a long page: its heading, a filter bar, a row of the list. Drawn only near the screen. */
export interface PageEntry {
  /** Stable across renders (a row's id): a block keeps its measured height and its React state. */
  key: string
  /** The part of the page it belongs to (data-section: 'notices', 'threads'…), when the page has several. */
  section?: string
  render: () => ReactNode
}

export interface VirtualPageProps {
  /** Everything the page scrolls through, top to bottom: the heading blocks, then the rows. */
  entries: PageEntry[]
  /** After the rows, outside the rows' parent (加载更多, 没有更多了): changing it never re-sends the rows. */
  footer?: ReactNode
  /** A first guess of an entry's height in px, kept until the entry is measured. */
  estimatedHeight?: number
  /** Scrolled to within `endDistance` px of the end: read the next page. */
  onEndReached?: () => void
  endDistance?: number
  /** Pulled down at the top (the weapp scroll view's own refresher). */
  onRefresh?: () => Promise<unknown>
  className?: string
}

interface EntryProps {
  id: string
  index: number
  data: PageEntry[]
}

/**
 * H5: the list draws an entry in a wrapper of the height it last measured (at first a guess, the
 * page's `estimatedHeight`), and measures again only a moment after its own updates. A block that is
 * taller than the guess, or grows as its data comes (a head whose filters fill in), overflowed its
 * wrapper, and the rows below moved when the list caught up: a layout shift of about 0.5 on the
 * staff inbox (ADR 34). The wrapper (and the list's inner box) takes the block's height as soon as it
 * is laid out, and again whenever the list writes its own figure back (both observers run before the
 * frame is painted), so nothing is painted out of place.
 */
function useWrapperFollowsEntry(element: { current: unknown }) {
  useLayoutEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || typeof ResizeObserver !== 'function') return
    const entry = element.current as HTMLElement | null
    const wrapper = entry?.parentElement
    if (!entry || !wrapper) return
    const follow = () => {
      const height = entry.getBoundingClientRect().height
      const was = parseFloat(wrapper.style.height)
      if (!(height > 0) || !(was >= 0) || Math.abs(height - was) < 0.5) return
      wrapper.style.height = `${height}px`
      const inner = wrapper.parentElement
      const total = inner ? parseFloat(inner.style.height) : NaN
      if (inner && total >= 0) inner.style.height = `${total + height - was}px`
    }
    const observer = new ResizeObserver(follow)
    observer.observe(entry)
    // The list writes the wrapper's height again when it re-renders (a guess, or an earlier measure).
    const rewritten = typeof MutationObserver === 'function' ? new MutationObserver(follow) : null
    rewritten?.observe(wrapper, { attributes: true, attributeFilter: ['style'] })
    return () => {
      observer.disconnect()
      rewritten?.disconnect()
    }
  }, [element])
}

/** An entry, observing what its block reads (a row's relative time, a filter's state). */
const Entry = observer(function Entry({ id, index, data }: EntryProps) {
  const element = useRef(null)
  useWrapperFollowsEntry(element)
  return (
    <View ref={element} id={id} className={`virtual-page__entry ${index === 0 ? 'virtual-page__entry--first' : ''}`} data-section={data[index]?.section}>
      {data[index]?.render()}
    </View>
  )
})

// The library's props, with the item key it reads but does not declare.
const List = VirtualList as unknown as ComponentType<Record<string, unknown>>
const itemKey = (index: number, data: PageEntry[]) => data[index]?.key ?? String(index)

export const VirtualPage = observer(function VirtualPage({ entries, footer, estimatedHeight = 120, onEndReached, endDistance = 600, onRefresh, className = '' }: VirtualPageProps) {
  // Elder mode changes every entry's height without re-rendering it: the list starts afresh and measures again.
  const { ui } = useStores()
  const [height, setHeight] = useState(() => viewportHeight())
  // H5: the list is the page's scroller only at a fixed height. Taro's page wraps its content in
  // a pull-to-refresh box of no height of its own, so `height: 100%` came to the whole list's
  // height, .taro_page scrolled instead and the list never drew the entries below its first screen.
  // It takes the height of the page it is in (below the navigation bar, above the tab bar).
  // The page box settles after the first draw (the navigation bar, the pull-to-refresh box): it is
  // watched, not measured once.
  const outer = useRef<{ closest?: (selector: string) => Element | null } | null>(null)
  useLayoutEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return
    const page = typeof outer.current?.closest === 'function' ? outer.current.closest('.taro_page') : null
    if (!page) return
    const measure = () => {
      if (page.clientHeight > 0) setHeight(page.clientHeight)
    }
    measure()
    if (typeof ResizeObserver === 'function') {
      const observer = new ResizeObserver(measure)
      observer.observe(page)
      return () => observer.disconnect()
    }
    window.addEventListener('resize', measure)
    return () => window.removeEventListener('resize', measure)
  }, [ui.elderMode])
  const list = useRef<{ refresh?: () => void; _getSizeUploadSync?: (...args: unknown[]) => Promise<unknown> } | null>(null)
  // The list measures its drawn entries a moment after each update (and retries): once the page has
  // gone, such a query found no page to look in and threw (Taro H5: 在已加载页面中没有找到对应的容器元素。).
  // Measurements asked for after unmount are dropped.
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return
    const inst = list.current
    const measure = inst?._getSizeUploadSync
    if (!inst || typeof measure !== 'function') return
    let alive = true
    inst._getSizeUploadSync = (...args: unknown[]) => (alive ? measure.apply(inst, args) : new Promise(() => undefined))
    return () => {
      alive = false
    }
  }, [ui.elderMode])
  // The list takes a new entry count only after it has drawn with the old one (its sizes are
  // updated in componentDidUpdate): draw it once more, so rows that just arrived are drawn.
  useEffect(() => {
    list.current?.refresh?.()
  }, [entries.length])
  const [refreshing, setRefreshing] = useState(false)
  const refresh = async () => {
    if (!onRefresh) return
    setRefreshing(true)
    try {
      await onRefresh()
    } finally {
      setRefreshing(false)
    }
  }
  return (
    <List
      key={ui.elderMode ? 'elder' : 'normal'}
      ref={list}
      data-entries={entries.length}
      // A keyboard reaches and scrolls it on H5 (axe: scrollable-region-focusable).
      tabIndex={0}
      className={`virtual-page ${className}`}
      height={height}
      width='100%'
      // H5 only: on weapp a ref in the list's props goes into setData, and the mini-program's data
      // diff recurses through the element's cycles (Maximum call stack size exceeded).
      {...(process.env.TARO_ENV === 'h5' ? { outerRef: outer } : {})}
      style={{ height: process.env.TARO_ENV === 'h5' ? `${height}px` : '100%' }}
      item={Entry}
      itemData={entries}
      itemCount={entries.length}
      itemKey={itemKey}
      itemSize={estimatedHeight}
      unlimitedSize
      position='relative'
      overscanCount={3}
      renderBottom={footer ? <View className='virtual-page__footer'>{footer}</View> : undefined}
      onScrollNative={(event: ScrollLike) => {
        const at = scrollPosition(event)
        if (at && onEndReached && at.scrollHeight - at.scrollTop - height <= endDistance) onEndReached()
      }}
      refresherEnabled={Boolean(onRefresh)}
      refresherTriggered={refreshing}
      onRefresherRefresh={() => void refresh()}
    />
  )
})
