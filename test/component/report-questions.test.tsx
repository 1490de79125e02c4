/**
 * The report form asks a category's extra questions (an Open311 service definition's attributes,
 * issue 14) and says where the report goes. The backend is the memory adapter behind a fake of what
 * an Open311 adapter answers: two categories that ask questions, and a submit that records what the
 * app sent (the memory backend itself asks none and refuses answers).
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { NewReportInput } from '../../types/api'
import type { ReportQuestion } from '../../types/domain'
import type { ApiClient } from '../../src/api/client'
import { ApiError } from '../../src/api/errors'
import { MemoryBackend } from '../../src/api/memory/backend'
import { fakeNetwork } from '../../src/platform/network'
import { memoryStorage } from '../../src/platform/storage'
import { ReportForm } from '../../src/reports/new/report-form'
import { T } from '../../src/reports/texts'
import { StoreProvider } from '../../src/stores/context'
import { QUESTIONS_MESSAGES, type SubmitOutcome } from '../../src/stores/draft-store'
import { RootStore } from '../../src/stores/root-store'
import { resetTaro } from '../support/taro-jsdom'
import { failOnChangesOutsideActions } from '../unit/stores/support/strict-actions'
import { recordingClient } from '../unit/support/memory-world'

jest.mock('../../src/platform/media', () => ({ choosePhotos: jest.fn(), pickPhotos: jest.fn(), previewPhotos: jest.fn() }))

const q = (code: string, type: ReportQuestion['type'], label: string, extra: Partial<ReportQuestion> = {}): ReportQuestion => ({
  code,
  label,
  hint: '',
  type,
  required: false,
  order: 0,
  options: [],
  asked: true,
  ...extra,
})

const LIGHT: ReportQuestion[] = [
  q('info', 'string', '夜间紧急情况请拨 12345', { asked: false, order: 0 }),
  q('pole', 'string', '灯杆编号', { required: true, hint: '灯杆上的白色编号', order: 1 }),
  q('count', 'number', '几盏灯不亮', { order: 2 }),
  q('since', 'datetime', '从什么时候开始', { order: 3 }),
  q('more', 'text', '补充说明', { order: 4 }),
  q('kind', 'singlevaluelist', '故障情况', { required: true, order: 5, options: [{ value: 'off', label: '不亮' }, { value: 'flicker', label: '闪烁' }] }),
  q('hazards', 'multivaluelist', '有没有隐患', { order: 6, options: [{ value: 'wire', label: '电线外露' }, { value: 'dark', label: '路面太黑' }, { value: 'pole', label: '灯杆歪斜' }] }),
]
const WATER: ReportQuestion[] = [q('floor', 'string', '漏水在几楼', { required: true })]
const ASKING: Record<string, ReportQuestion[]> = { 'cat-light': LIGHT, 'cat-water': WATER }

type Storage = ReturnType<typeof memoryStorage>

interface City {
  api: ApiClient
  /** What the app handed the adapter's submit, as it handed it. */
  sent: NewReportInput[]
  /** The categories whose questions were asked for, in order. */
  asked: string[]
  /** How many question loads fail before they succeed. */
  failLoads: number
  /** The next submit is refused with these field messages. */
  refuseNext?: Record<string, string>
}

/** An Open311-like client: cat-light and cat-water ask questions; the report itself goes to the memory backend. */
function cityClient(storage: Storage, network = fakeNetwork(true)): City {
  const { api } = recordingClient({ backend: new MemoryBackend({ storage }), storage, network })
  const city: City = { api: api, sent: [], asked: [], failLoads: 0 }
  city.api = {
    ...api,
    directory: {
      getCommunity: async () => {
        const directory = await api.directory.getCommunity()
        return { ...directory, categories: directory.categories.map((c) => (c.id in ASKING ? { ...c, hasQuestions: true } : c)) }
      },
    },
    reports: {
      ...api.reports,
      questions: async (categoryId) => {
        city.asked.push(categoryId)
        if (city.failLoads > 0) {
          city.failLoads -= 1
          throw new ApiError('network', '网络不可用，请检查网络后重试')
        }
        return ASKING[categoryId] ?? []
      },
      submit: async (input, options) => {
        city.sent.push(input)
        if (city.refuseNext) {
          const fields = city.refuseNext
          city.refuseNext = undefined
          throw new ApiError('validation', '请按提示修改', { fields })
        }
        const { answers: _answers, ...rest } = input
        return api.reports.submit(rest, options)
      },
    },
  }
  return city
}

const roots: RootStore[] = []

async function app(storage: Storage = memoryStorage(), city = cityClient(storage)) {
  const root = new RootStore({ api: city.api, storage, network: fakeNetwork(true) })
  roots.push(root)
  await act(async () => {
    await root.session.signInDemo('u-wang')
  })
  await waitFor(() => expect(root.directory.categories.length).toBeGreaterThan(0))
  return { root, city, storage }
}

async function renderForm(root: RootStore) {
  const onDone = jest.fn<void, [SubmitOutcome]>()
  const notify = jest.fn<void, [string]>()
  const view = render(
    <StoreProvider store={root}>
      <ReportForm onDone={onDone} notify={notify} />
    </StoreProvider>,
  )
  await waitFor(() => field('.report-form__description', 'textarea'))
  return { ...view, onDone, notify }
}

// ---- reading and driving the form (text, classes and counts only: see report-form.test.tsx) ------

function field(scope: string, tag: 'input' | 'textarea' = 'input'): HTMLInputElement {
  const el = document.querySelector<HTMLInputElement>(`${scope} ${tag}`)
  if (!el) throw new Error(`no ${tag} in ${scope}`)
  return el
}

const question = (code: string) => `[data-question="${code}"]`

function answerBox(code: string, tag: 'input' | 'textarea' = 'input'): Promise<HTMLInputElement> {
  return waitFor(() => field(question(code), tag))
}

function type(el: HTMLInputElement, text: string): void {
  fireEvent.focus(el)
  fireEvent.input(el, { target: { value: text } })
}

function fieldError(name: string): string | null {
  return document.querySelector<HTMLElement>(`.field-error[data-field="${name}"]`)?.textContent ?? null
}

function option(code: string, value: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`${question(code)} [data-value="${value}"]`)
  if (!el) throw new Error(`no option ${value} in ${code}`)
  return el
}

function chip(categoryId: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`[data-category="${categoryId}"]`)
  if (!el) throw new Error(`no category chip ${categoryId}`)
  return el
}

/** Pick in one of a question's pickers (Taro's H5 picker answers a `change` with `detail.value`). */
async function pick(code: string, which: 'date' | 'time', value: string): Promise<void> {
  const pickers = document.querySelectorAll(`${question(code)} taro-picker-core`)
  const picker = pickers[which === 'date' ? 0 : 1]
  if (!picker) throw new Error(`no ${which} picker in ${code}`)
  await act(async () => {
    picker.dispatchEvent(new CustomEvent('change', { detail: { value } }))
  })
}

async function submit(): Promise<void> {
  await act(async () => {
    fireEvent.click(document.querySelector<HTMLElement>('.report-form__submit')!)
  })
}

async function fillReport(categoryId = 'cat-light'): Promise<void> {
  fireEvent.click(chip(categoryId))
  type(field('.report-form__description', 'textarea'), '3号楼东侧的路灯坏了一周，晚上很黑')
  type(await waitFor(() => field('.report-form__address')), '映月社区3号楼东侧')
}

// ---- tests --------------------------------------------------------------------------------------

beforeEach(() => resetTaro())
failOnChangesOutsideActions()
afterEach(() => {
  cleanup()
  roots.splice(0).forEach((r) => r.dispose())
})

test('a category with questions shows each one as the field its type asks for, the info-only one as text', async () => {
  const { root, city } = await app()
  await renderForm(root)
  expect(document.querySelector('.report-form__questions')).toBeNull()

  fireEvent.click(chip('cat-light'))
  await waitFor(() => expect(document.querySelectorAll('[data-question]')).toHaveLength(7))
  expect(city.asked).toEqual(['cat-light'])
  expect(Array.from(document.querySelectorAll<HTMLElement>('[data-question]')).map((e) => e.dataset.question)).toEqual(['info', 'pole', 'count', 'since', 'more', 'kind', 'hazards'])

  // Information only: its words, nothing to fill in.
  expect(document.querySelector(question('info'))!.textContent).toBe('夜间紧急情况请拨 12345')
  expect(document.querySelectorAll(`${question('info')} input, ${question('info')} textarea, ${question('info')} [aria-role]`)).toHaveLength(0)

  // Label, hint and the required mark.
  const pole = document.querySelector(question('pole'))!
  expect(pole.querySelector('.question__label')!.textContent).toBe('灯杆编号必填')
  expect(pole.querySelector('.question__hint')!.textContent).toBe('灯杆上的白色编号')
  expect(document.querySelector(`${question('count')} .question__label`)!.textContent).toBe('几盏灯不亮选填')

  // Each control, named by its question.
  expect((await answerBox('pole')).getAttribute('aria-label')).toBe('灯杆编号')
  expect((await answerBox('count')).getAttribute('aria-label')).toBe('几盏灯不亮')
  expect((await answerBox('more', 'textarea')).getAttribute('aria-label')).toBe('补充说明')
  expect(document.querySelector(`${question('more')} .question__count`)!.textContent).toBe('0/2000')
  expect(document.querySelectorAll(`${question('since')} taro-picker-core`)).toHaveLength(2)
  expect(screen.getByLabelText('从什么时候开始：选择日期')).toBeTruthy()
  expect(screen.getByLabelText('从什么时候开始：选择时间')).toBeTruthy()
  expect(document.querySelector(`${question('kind')} [aria-role="radiogroup"]`)!.getAttribute('aria-label')).toBe('故障情况')
  expect(Array.from(document.querySelectorAll(`${question('kind')} [aria-role="radio"]`)).map((e) => e.textContent)).toEqual(['○不亮', '○闪烁'])
  expect(document.querySelector(`${question('hazards')} [aria-role="group"]`)!.getAttribute('aria-label')).toBe('有没有隐患')
  expect(document.querySelectorAll(`${question('hazards')} [aria-role="checkbox"]`)).toHaveLength(3)
})

test('submitting without a required answer shows the message at that question and sends nothing', async () => {
  const { root, city } = await app()
  const { notify } = await renderForm(root)
  await fillReport()
  await answerBox('pole')
  fireEvent.click(option('kind', 'off'))

  await submit()
  await waitFor(() => expect(fieldError('attribute.pole')).toBe('请填写“灯杆编号”'))
  expect(document.querySelector(`${question('pole')} .field-error`)!.textContent).toBe('请填写“灯杆编号”')
  expect(fieldError('attribute.kind')).toBeNull()
  expect(notify).toHaveBeenCalledWith(T.fixErrors)
  expect(city.sent).toHaveLength(0)
  expect(root.outbox.items).toHaveLength(0)

  // Answering clears it as the person types.
  type(await answerBox('pole'), 'A-17')
  await waitFor(() => expect(fieldError('attribute.pole')).toBeNull())
})

test('an answer too long shows its message once the person leaves the field', async () => {
  const { root } = await app()
  await renderForm(root)
  fireEvent.click(chip('cat-light'))
  const pole = await answerBox('pole')
  type(pole, '号'.repeat(201))
  expect(fieldError('attribute.pole')).toBeNull()
  fireEvent.blur(pole)
  await waitFor(() => expect(fieldError('attribute.pole')).toBe('“灯杆编号”不能超过200个字（现在201个字）'))
  // Nothing was cut off: the person decides what to remove.
  expect(root.draft.draft.answers.pole).toHaveLength(201)
})

test('everything filled in sends the answers: the multi list as an array, the date and time as ISO with +08:00', async () => {
  const { root, city } = await app()
  const { onDone } = await renderForm(root)
  await fillReport()
  type(await answerBox('pole'), ' A-17 ')
  type(await answerBox('count'), '2')
  await pick('since', 'date', '2026-12-01')
  // A date alone is no answer yet.
  expect(root.draft.draft.answers.since).toBeUndefined()
  await pick('since', 'time', '20:30')
  expect(screen.getByLabelText('从什么时候开始：日期 2026-12-01')).toBeTruthy()
  expect(screen.getByLabelText('从什么时候开始：时间 20:30')).toBeTruthy()
  type(await answerBox('more', 'textarea'), '已经一周了')
  fireEvent.click(option('kind', 'flicker'))
  fireEvent.click(option('hazards', 'dark'))
  fireEvent.click(option('hazards', 'wire'))
  fireEvent.click(option('hazards', 'pole'))
  fireEvent.click(option('hazards', 'pole'))
  await waitFor(() => expect(option('hazards', 'wire').getAttribute('aria-checked')).toBe('true'))
  expect(option('hazards', 'pole').getAttribute('aria-checked')).toBe('false')
  expect(option('kind', 'flicker').getAttribute('aria-checked')).toBe('true')

  await submit()
  await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1))
  expect(onDone.mock.calls[0][0].status).toBe('sent')
  expect(city.sent).toHaveLength(1)
  expect(city.sent[0].categoryId).toBe('cat-light')
  expect(city.sent[0].answers).toEqual({
    pole: 'A-17',
    count: '2',
    since: '2026-12-01T20:30:00+08:00',
    more: '已经一周了',
    kind: 'flicker',
    hazards: ['wire', 'dark'],
  })
})

test('a backend message named attribute.<code> shows at that question', async () => {
  const { root, city } = await app()
  const { notify } = await renderForm(root)
  await fillReport()
  type(await answerBox('pole'), 'Z-99')
  fireEvent.click(option('kind', 'off'))
  city.refuseNext = { 'attribute.pole': '没有这个灯杆编号', 'attribute.gone': '不是这一类的问题' }

  await submit()
  await waitFor(() => expect(fieldError('attribute.pole')).toBe('没有这个灯杆编号'))
  expect(notify).toHaveBeenCalledWith('请按提示修改')
  // A message about no question on the form is not kept (it would block every later submit).
  expect(root.draft.errors['attribute.gone']).toBeUndefined()

  type(await answerBox('pole'), 'A-17')
  await waitFor(() => expect(fieldError('attribute.pole')).toBeNull())
  await submit()
  await waitFor(() => expect(city.sent).toHaveLength(2))
  expect(city.sent[1].answers).toEqual({ pole: 'A-17', kind: 'off' })
})

test('switching category drops the answers given to the other one\'s questions', async () => {
  const { root, city } = await app()
  await renderForm(root)
  fireEvent.click(chip('cat-light'))
  type(await answerBox('pole'), 'A-17')
  fireEvent.click(option('kind', 'off'))
  expect(root.draft.draft.answers).toEqual({ pole: 'A-17', kind: 'off' })

  fireEvent.click(chip('cat-water'))
  await waitFor(() => expect(document.querySelectorAll('[data-question]')).toHaveLength(1))
  expect(root.draft.draft.answers).toEqual({})
  type(await answerBox('floor'), '5楼')

  fireEvent.click(chip('cat-light'))
  await waitFor(() => expect(document.querySelectorAll('[data-question]')).toHaveLength(7))
  expect((await answerBox('pole')).value).toBe('')
  expect(option('kind', 'off').getAttribute('aria-checked')).toBe('false')
  expect(root.draft.draft.answers).toEqual({})
  // Each category's questions were asked for once.
  expect(city.asked).toEqual(['cat-light', 'cat-water'])
})

test('the answers survive the app being killed', async () => {
  const storage = memoryStorage()
  const { root } = await app(storage)
  const first = await renderForm(root)
  fireEvent.click(chip('cat-light'))
  type(await answerBox('pole'), 'A-17')
  fireEvent.click(option('kind', 'off'))
  fireEvent.click(option('hazards', 'dark'))
  await pick('since', 'date', '2026-12-01')
  await pick('since', 'time', '07:05')

  first.unmount()
  root.dispose()

  // Only the device storage is left.
  const again = new RootStore({ api: cityClient(storage).api, storage, network: fakeNetwork(true) })
  roots.push(again)
  await act(async () => {
    await again.start()
  })
  expect(again.session.user?.id).toBe('u-wang')
  await waitFor(() => expect(again.directory.categories.length).toBeGreaterThan(0))
  await renderForm(again)

  await waitFor(() => expect(document.querySelectorAll('[data-question]')).toHaveLength(7))
  expect(chip('cat-light').getAttribute('aria-checked')).toBe('true')
  await waitFor(async () => expect((await answerBox('pole')).value).toBe('A-17'))
  expect(option('kind', 'off').getAttribute('aria-checked')).toBe('true')
  expect(option('hazards', 'dark').getAttribute('aria-checked')).toBe('true')
  expect(screen.getByLabelText('从什么时候开始：日期 2026-12-01')).toBeTruthy()
  expect(screen.getByLabelText('从什么时候开始：时间 07:05')).toBeTruthy()
  expect(again.draft.draft.answers).toEqual({ pole: 'A-17', kind: 'off', hazards: ['dark'], since: '2026-12-01T07:05:00+08:00' })
})

test('questions that failed to load show 重试 and block the submit until they are in', async () => {
  const storage = memoryStorage()
  const city = cityClient(storage)
  city.failLoads = 1
  const { root } = await app(storage, city)
  const { notify, onDone } = await renderForm(root)
  await fillReport()

  await waitFor(() => expect(screen.getByText(T.retry)).toBeTruthy())
  expect(document.querySelector('.report-form__questions-state')!.textContent).toBe(T.questionsFailed('网络不可用，请检查网络后重试'))
  expect(document.querySelectorAll('[data-question]')).toHaveLength(0)

  await submit()
  await waitFor(() => expect(fieldError('questions')).toBe(QUESTIONS_MESSAGES.failed))
  expect(fieldError('questions')).toContain('重试')
  expect(notify).toHaveBeenCalledWith(T.fixErrors)
  expect(city.sent).toHaveLength(0)
  expect(onDone).not.toHaveBeenCalled()

  await act(async () => {
    fireEvent.click(screen.getByText(T.retry))
  })
  await waitFor(() => expect(document.querySelectorAll('[data-question]')).toHaveLength(7))
  expect(fieldError('questions')).toBeNull()
  expect(city.asked).toEqual(['cat-light', 'cat-light'])
  type(await answerBox('pole'), 'A-17')
  fireEvent.click(option('kind', 'off'))
  await submit()
  await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1))
  expect(city.sent[0].answers).toEqual({ pole: 'A-17', kind: 'off' })
})

test('a category that asks nothing sends no answers key, and the form names where the report goes', async () => {
  const { root, city } = await app()
  const { onDone } = await renderForm(root)
  expect(document.querySelector('.report-form__destination')!.textContent).toBe(`将提交至：${root.directory.directory!.community.name}`)
  expect(document.querySelector('.report-form__destination')!.textContent).toBe('将提交至：映月社区')

  await fillReport('cat-road')
  expect(document.querySelector('.report-form__questions')).toBeNull()
  await submit()
  await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1))
  expect(city.sent).toHaveLength(1)
  expect(city.sent[0]).not.toHaveProperty('answers')
  expect(city.asked).toEqual([])
})

test('on Linli\'s own backend (no category asks questions) the report carries no answers key', async () => {
  const storage = memoryStorage()
  const network = fakeNetwork(true)
  const { api } = recordingClient({ backend: new MemoryBackend({ storage }), storage, network })
  const inputs: NewReportInput[] = []
  const submitReport = api.reports.submit.bind(api.reports)
  const questions = jest.spyOn(api.reports, 'questions')
  jest.spyOn(api.reports, 'submit').mockImplementation((input, options) => {
    inputs.push(input)
    return submitReport(input, options)
  })
  const root = new RootStore({ api, storage, network })
  roots.push(root)
  await act(async () => {
    await root.session.signInDemo('u-wang')
  })
  await waitFor(() => expect(root.directory.categories.length).toBeGreaterThan(0))
  const { onDone } = await renderForm(root)
  expect(document.querySelector('.report-form__destination')!.textContent).toBe('将提交至：映月社区')

  await fillReport('cat-light')
  await submit()
  await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1))
  expect(onDone.mock.calls[0][0].status).toBe('sent')
  expect(inputs).toHaveLength(1)
  expect(inputs[0]).not.toHaveProperty('answers')
  expect(questions).not.toHaveBeenCalled()
})
