/**
 * miniprogram-simulate tests for the hand-written native component
 * src/components/native/status-timeline. Every case runs against both WXML compilers:
 *  - 'simulate': j-component's pure-JS WXML parser;
 *  - 'official': the real wcc binary shipped in miniprogram-compiler (closer to the device).
 *
 * Notes on miniprogram-simulate behaviour these tests rely on:
 *  - simulate.load(path) defaults to the *official* compiler, not 'simulate'; we pass it explicitly.
 *  - The component's index.js is require()d through jest's module registry, so a second load() of the
 *    same path only calls Component() again after jest.resetModules().
 *  - Compiled WXML is cached per component path inside the miniprogram-simulate module, whatever the
 *    compiler option: we re-require miniprogram-simulate after each resetModules() so the 'official'
 *    run really uses wcc instead of the template the 'simulate' run cached.
 *  - Selectors (querySelector/querySelectorAll) take raw class names; the rendered DOM carries
 *    prefixed ones (`<tagName>--st-item`). Attributes the simulated built-ins don't declare
 *    (aria-*, src, mode) never reach the DOM: they are only visible through comp.toJSON(), where wcc
 *    reports them camelCased (ariaLabel) and the JS compiler as written (aria-label).
 */
import path from 'path'

// Re-required for every load (see loadTimeline): miniprogram-simulate caches compiled WXML per path
// at module level, so a shared instance would silently reuse the first compiler's output.
let simulate: any

const COMPONENT_PATH = path.resolve(__dirname, '../../src/components/native/status-timeline/index')
const TAG = 'status-timeline'

type Tone = 'waiting' | 'working' | 'done' | 'stopped' | 'reopened'
interface TimelineEvent {
  id: string
  title: string
  time: string
  actor: string
  note: string
  tone: Tone
  photos: string[]
  current: boolean
}

interface JsonNode {
  tagName: string
  attrs: Array<{ name: string; value: unknown }>
  event: Record<string, { isCatch: boolean; handler: string }>
  children: Array<JsonNode | string>
}

// Newest first, deliberately not sorted by anything the component could sort on (ids, times).
const EVENTS: TimelineEvent[] = [
  {
    id: 'e3',
    title: '已办结',
    time: '11月22日 09:10',
    actor: '网格员 孙丽',
    note: '路灯已更换，恢复照明',
    tone: 'done',
    photos: ['https://img.example.com/after-1.jpg', 'https://img.example.com/after-2.jpg'],
    current: true,
  },
  {
    id: 'e1',
    title: '处理中',
    time: '11月21日 16:00',
    actor: '物业 王师傅',
    note: '',
    tone: 'working',
    photos: [],
    current: false,
  },
  {
    id: 'e2',
    title: '已受理',
    time: '11月21日 14:30',
    actor: '网格员 孙丽',
    note: '已派单给物业',
    tone: 'waiting',
    photos: ['https://img.example.com/before-1.jpg'],
    current: false,
  },
]

function loadTimeline(compiler: 'simulate' | 'official'): string {
  jest.resetModules()
  simulate = require('miniprogram-simulate')
  return simulate.load(COMPONENT_PATH, TAG, { compiler })
}

function mount(id: string, props: Record<string, unknown> = {}) {
  const comp = simulate.render(id, props)
  comp.attach(document.createElement('parent-wrapper'))
  return comp
}

/** Normalised text of a queried node (exparser nodes and DOM both available via `.dom`). */
function text(node: { dom: Element } | undefined): string {
  if (!node) throw new Error('node not found')
  return (node.dom.textContent || '').trim()
}

/** Classes as rendered in the DOM, with the component's tag prefix stripped. */
function rawClasses(node: { dom: Element }): string[] {
  return Array.from(node.dom.classList).map((c) => c.replace(`${TAG}--`, ''))
}

/** wcc (official) reports attribute names camelCased (`ariaLabel`), the JS compiler as written (`aria-label`). */
function attr(node: JsonNode, name: string): unknown {
  const camel = (n: string) => n.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())
  const found = node.attrs.find((a) => camel(a.name) === camel(name))
  return found ? found.value : undefined
}

/** Depth-first collect of toJSON() nodes whose class attribute contains `cls`. */
function findJson(root: JsonNode, cls: string): JsonNode[] {
  const out: JsonNode[] = []
  const walk = (n: JsonNode | string) => {
    if (typeof n === 'string') return
    const c = attr(n, 'class')
    if (typeof c === 'string' && c.split(/\s+/).includes(cls)) out.push(n)
    n.children.forEach(walk)
  }
  walk(root)
  return out
}

function clone(events: TimelineEvent[]): TimelineEvent[] {
  return events.map((e) => ({ ...e, photos: [...e.photos] }))
}

describe.each(['simulate', 'official'] as const)('status-timeline (%s compiler)', (compiler) => {
  let id: string

  beforeEach(() => {
    id = loadTimeline(compiler)
  })

  test('renders one item per event, in the given order, with title/time/actor/note', () => {
    const comp = mount(id, { events: clone(EVENTS) })

    const items = comp.querySelectorAll('.st-item')
    expect(items).toHaveLength(3)
    // Not reordered: same order as the input array.
    expect(items.map((i: { dom: Element }) => i.dom.getAttribute('data-id'))).toEqual(['e3', 'e1', 'e2'])

    expect(comp.querySelectorAll('.st-title').map(text)).toEqual(['已办结', '处理中', '已受理'])
    expect(comp.querySelectorAll('.st-time').map(text)).toEqual(['11月22日 09:10', '11月21日 16:00', '11月21日 14:30'])
    expect(comp.querySelectorAll('.st-actor').map(text)).toEqual(['网格员 孙丽', '物业 王师傅', '网格员 孙丽'])

    // Note is optional: rendered only for the two events that have one.
    expect(comp.querySelectorAll('.st-note').map(text)).toEqual(['路灯已更换，恢复照明', '已派单给物业'])
    expect(items[1].dom.querySelectorAll(`.${TAG}--st-note`)).toHaveLength(0)
    expect(items[0].dom.querySelectorAll(`.${TAG}--st-note`)).toHaveLength(1)

    const first = text(items[0])
    expect(first).toContain('已办结')
    expect(first).toContain('11月22日 09:10')
    expect(first).toContain('网格员 孙丽')
    expect(first).toContain('路灯已更换，恢复照明')

    expect(comp.querySelector('.st-empty')).toBeUndefined()
    expect(comp.dom.textContent).not.toContain('暂无进展')
  })

  test('renders photo thumbnails per event with aspectFill and only when there are photos', () => {
    const comp = mount(id, { events: clone(EVENTS) })

    const items = comp.querySelectorAll('.st-item')
    expect(items[0].dom.querySelectorAll(`.${TAG}--st-photo`)).toHaveLength(2)
    expect(items[1].dom.querySelectorAll(`.${TAG}--st-photos`)).toHaveLength(0)
    expect(items[2].dom.querySelectorAll(`.${TAG}--st-photo`)).toHaveLength(1)

    const photos = findJson(comp.toJSON(), 'st-photo')
    expect(photos.map((p) => p.tagName)).toEqual(['wx-image', 'wx-image', 'wx-image'])
    expect(photos.map((p) => attr(p, 'src'))).toEqual([...EVENTS[0].photos, ...EVENTS[2].photos])
    photos.forEach((p) => expect(attr(p, 'mode')).toBe('aspectFill'))
    // catchtap, so a photo tap never bubbles to the item's bindtap.
    photos.forEach((p) => expect(p.event.tap).toMatchObject({ isCatch: true, handler: 'onPhotoTap' }))
  })

  test('shows the empty state when events is empty, or not passed at all', () => {
    const empty = mount(id, { events: [] })
    expect(empty.querySelectorAll('.st-item')).toHaveLength(0)
    expect(text(empty.querySelector('.st-empty'))).toBe('暂无进展')

    const noProps = mount(id)
    expect(noProps.querySelectorAll('.st-item')).toHaveLength(0)
    expect(text(noProps.querySelector('.st-empty'))).toBe('暂无进展')
  })

  test('each item carries the class of its tone', () => {
    const events: TimelineEvent[] = (['reopened', 'stopped', 'done', 'working', 'waiting'] as Tone[]).map((tone, i) => ({
      ...EVENTS[1],
      id: `t${i}`,
      tone,
      current: i === 0,
    }))
    const comp = mount(id, { events })

    const items = comp.querySelectorAll('.st-item')
    expect(items).toHaveLength(5)
    items.forEach((item: { dom: Element }, i: number) => {
      const classes = rawClasses(item)
      expect(classes).toContain(`st-tone-${events[i].tone}`)
      // exactly one tone class per item
      expect(classes.filter((c) => c.startsWith('st-tone-'))).toEqual([`st-tone-${events[i].tone}`])
    })
    for (const tone of ['reopened', 'stopped', 'done', 'working', 'waiting']) {
      expect(comp.querySelectorAll(`.st-tone-${tone}`)).toHaveLength(1)
    }
  })

  test('highlights only the current item', () => {
    const comp = mount(id, { events: clone(EVENTS) })

    const current = comp.querySelectorAll('.st-current')
    expect(current).toHaveLength(1)
    expect(current[0].dom.getAttribute('data-id')).toBe('e3')

    const items = comp.querySelectorAll('.st-item')
    expect(rawClasses(items[0])).toContain('st-current')
    expect(rawClasses(items[1])).not.toContain('st-current')
    expect(rawClasses(items[2])).not.toContain('st-current')

    // Moving "current" to another item moves the highlight.
    const moved = clone(EVENTS).map((e) => ({ ...e, current: e.id === 'e2' }))
    comp.setData({ events: moved })
    const after = comp.querySelectorAll('.st-current')
    expect(after).toHaveLength(1)
    expect(after[0].dom.getAttribute('data-id')).toBe('e2')
  })

  test('setData re-renders: item count, texts and empty state follow the data', () => {
    const comp = mount(id, { events: [] })
    expect(text(comp.querySelector('.st-empty'))).toBe('暂无进展')

    comp.setData({ events: clone(EVENTS) })
    expect(comp.querySelectorAll('.st-item')).toHaveLength(3)
    expect(comp.querySelector('.st-empty')).toBeUndefined()

    const updated = clone(EVENTS).slice(1, 2)
    updated[0].title = '已重新打开'
    updated[0].tone = 'reopened'
    updated[0].note = '居民反馈仍未修好'
    updated[0].current = true
    comp.setData({ events: updated })

    const items = comp.querySelectorAll('.st-item')
    expect(items).toHaveLength(1)
    expect(text(comp.querySelector('.st-title'))).toBe('已重新打开')
    expect(text(comp.querySelector('.st-note'))).toBe('居民反馈仍未修好')
    expect(rawClasses(items[0])).toEqual(expect.arrayContaining(['st-tone-reopened', 'st-current']))
    expect(rawClasses(items[0])).not.toContain('st-tone-working')
    expect(comp.dom.textContent).not.toContain('已办结')

    comp.setData({ events: [] })
    expect(comp.querySelectorAll('.st-item')).toHaveLength(0)
    expect(text(comp.querySelector('.st-empty'))).toBe('暂无进展')
  })

  test('tapping an item emits eventtap with that item id', async () => {
    const comp = mount(id, { events: clone(EVENTS) })
    const onEventTap = jest.fn()
    const onPhotoTap = jest.fn()
    comp.addEventListener('eventtap', (e: { detail: unknown }) => onEventTap(e.detail))
    comp.addEventListener('phototap', (e: { detail: unknown }) => onPhotoTap(e.detail))

    const items = comp.querySelectorAll('.st-item')
    items[1].dispatchEvent('tap')
    await simulate.sleep(0)
    expect(onEventTap).toHaveBeenCalledTimes(1)
    expect(onEventTap).toHaveBeenLastCalledWith({ id: 'e1' })

    // A tap on a child text bubbles up to the item and still reports the item's id.
    comp.querySelectorAll('.st-title')[2].dispatchEvent('tap')
    await simulate.sleep(0)
    expect(onEventTap).toHaveBeenCalledTimes(2)
    expect(onEventTap).toHaveBeenLastCalledWith({ id: 'e2' })

    expect(onPhotoTap).not.toHaveBeenCalled()
  })

  test('tapping a photo emits phototap with id and url, and does not emit eventtap', async () => {
    const comp = mount(id, { events: clone(EVENTS) })
    const onEventTap = jest.fn()
    const onPhotoTap = jest.fn()
    comp.addEventListener('eventtap', (e: { detail: unknown }) => onEventTap(e.detail))
    comp.addEventListener('phototap', (e: { detail: unknown }) => onPhotoTap(e.detail))

    const photos = comp.querySelectorAll('.st-photo')
    expect(photos).toHaveLength(3)

    photos[1].dispatchEvent('tap')
    await simulate.sleep(0)
    expect(onPhotoTap).toHaveBeenCalledTimes(1)
    expect(onPhotoTap).toHaveBeenLastCalledWith({ id: 'e3', url: 'https://img.example.com/after-2.jpg' })

    photos[2].dispatchEvent('tap')
    await simulate.sleep(0)
    expect(onPhotoTap).toHaveBeenCalledTimes(2)
    expect(onPhotoTap).toHaveBeenLastCalledWith({ id: 'e2', url: 'https://img.example.com/before-1.jpg' })

    expect(onEventTap).not.toHaveBeenCalled()
  })

  test('a parent component receives eventtap/phototap through bind: handlers', async () => {
    const onEventTap = jest.fn()
    const onPhotoTap = jest.fn()
    const parentId = simulate.load({
      template: '<status-timeline class="tl" events="{{events}}" bind:eventtap="handleEvent" bind:phototap="handlePhoto" />',
      usingComponents: { 'status-timeline': id },
      data: { events: clone(EVENTS) },
      methods: {
        handleEvent(e: { detail: unknown }) {
          onEventTap(e.detail)
        },
        handlePhoto(e: { detail: unknown }) {
          onPhotoTap(e.detail)
        },
      },
    })
    const parent = mount(parentId)
    const timeline = parent.querySelector('.tl')
    expect(timeline.querySelectorAll('.st-item')).toHaveLength(3)

    timeline.querySelectorAll('.st-item')[0].dispatchEvent('tap')
    await simulate.sleep(0)
    expect(onEventTap).toHaveBeenCalledWith({ id: 'e3' })

    timeline.querySelectorAll('.st-photo')[0].dispatchEvent('tap')
    await simulate.sleep(0)
    expect(onPhotoTap).toHaveBeenCalledWith({ id: 'e3', url: 'https://img.example.com/after-1.jpg' })
    expect(onEventTap).toHaveBeenCalledTimes(1)

    // Parent data flows into the property.
    parent.setData({ events: [] })
    expect(timeline.querySelectorAll('.st-item')).toHaveLength(0)
    expect(text(timeline.querySelector('.st-empty'))).toBe('暂无进展')
  })

  test('elder property adds the elder class to the root, and can be toggled', () => {
    const normal = mount(id, { events: clone(EVENTS) })
    expect(rawClasses(normal.querySelector('.st-root'))).not.toContain('st-elder')
    expect(normal.querySelector('.st-elder')).toBeUndefined()

    const elder = mount(id, { events: clone(EVENTS), elder: true })
    expect(rawClasses(elder.querySelector('.st-root'))).toContain('st-elder')

    elder.setData({ elder: false })
    expect(elder.querySelector('.st-elder')).toBeUndefined()
    normal.setData({ elder: true })
    expect(normal.querySelector('.st-elder')).toBeDefined()
    expect(normal.querySelector('.st-elder').dom).toBe(normal.querySelector('.st-root').dom)
  })

  test('items and photos carry aria-role / aria-label for screen readers', () => {
    const comp = mount(id, { events: clone(EVENTS) })
    const json = comp.toJSON()

    const items = findJson(json, 'st-item')
    expect(items).toHaveLength(3)
    items.forEach((item, i) => {
      expect(attr(item, 'aria-role')).toBe('button')
      const label = String(attr(item, 'aria-label'))
      expect(label).toContain(EVENTS[i].title)
      expect(label).toContain(EVENTS[i].time)
      expect(label).toContain(EVENTS[i].actor)
    })
    expect(String(attr(items[0], 'aria-label'))).toContain('当前进度')
    expect(String(attr(items[1], 'aria-label'))).not.toContain('当前进度')

    const photos = findJson(json, 'st-photo')
    expect(photos.map((p) => attr(p, 'aria-label'))).toEqual(['查看第1张照片', '查看第2张照片', '查看第1张照片'])
  })
})
