/*
 * Taro H5's findDOM for its selector query and intersection observer, without the throw.
 *
 * The build points those two modules of @tarojs/taro-h5 here (config/h5-page-query.ts). A query
 * that names no component searches the current page's container: `Current.page` is set when a page
 * starts loading, before its element is in the document, and cleared when a page is hidden. A query
 * run in that gap (a virtual list measuring a row, on a timer, just as the user opens another page)
 * threw 在已加载页面中没有找到对应的容器元素 from the timer, where no caller could catch it. Here it
 * gets no container, and the query searches the whole document instead (the ids it looks for are
 * unique to their list). Both callers already fall back to `document` on a missing container.
 */
import { findDOM as findPageDOM } from '@tarojs/taro-h5/dist/utils/index.js'

export function findDOM(inst) {
  try {
    return findPageDOM(inst)
  } catch {
    return null
  }
}
