/**
 * Stand-ins for the two layout APIs a test environment cannot answer (jsdom lays nothing out):
 * miniprogram-simulate's SelectorQuery answers nothing (its select() returns undefined), and Taro
 * H5's needs a page its router opened. A VirtualList measures its rows through these.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */

/** A SelectorQuery over the rendered pages: nodes found by id (or the viewport), boxes as jsdom has them. */
export function selectorQuery(): any {
  const pending: Array<() => unknown> = []
  const box = (selector: string, all: boolean) => {
    const found = selector === 'viewport' ? [document.documentElement] : Array.from(document.querySelectorAll(`[id="${selector.replace(/^.*#/, '')}"]`))
    const one = (el: Element) => {
      const r = el.getBoundingClientRect()
      return { id: el.id, dataset: {}, left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height, scrollTop: 0, scrollLeft: 0 }
    }
    return all ? found.map(one) : found[0] ? one(found[0]) : null
  }
  const query: any = {
    in: () => query,
    select: (selector: string) => nodes(selector, false),
    selectAll: (selector: string) => nodes(selector, true),
    selectViewport: () => nodes('viewport', false),
    exec(callback?: (results: unknown[]) => void) {
      setTimeout(() => callback?.(pending.splice(0).map((answer) => answer())), 0)
      return query
    },
  }
  function nodes(selector: string, all: boolean) {
    const field = (callback?: (result: unknown) => void) => {
      pending.push(() => {
        const result = box(selector, all)
        callback?.(result)
        return result
      })
      return query
    }
    return { boundingClientRect: field, scrollOffset: field, fields: (_fields: unknown, callback?: (result: unknown) => void) => field(callback), node: field, context: field }
  }
  return query
}

/** An IntersectionObserver that never reports (there is no layout to intersect). */
export function inertIntersectionObserver(): any {
  const observer: any = { relativeTo: () => observer, relativeToViewport: () => observer, observe: () => undefined, disconnect: () => undefined }
  return observer
}
