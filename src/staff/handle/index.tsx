// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useState, type ReactNode } from 'react'
import type { LocalPhoto } from '../../../types/api'
import type { PhoneRevealReason, ReportAction, ReportDetail } from '../../../types/domain'
import { FieldError } from '../../components/field-error'
import { OptionList, type Option } from '../../components/option-list'
import { PhotoGrid } from '../../components/photo-grid'
import { StatusBadge } from '../../components/status-badge'
import { Timeline } from '../../components/timeline'
import { isOverdue } from '../../domain/deadline'
import { PHONE_REVEAL_REASON_LABEL, PHONE_REVEAL_REASONS, REASON_REQUIRED } from '../../domain/phone-reveal'
import { reportThreadId } from '../../domain/messages'
import { isTerminal, type ReportMove } from '../../domain/report-status'
import { LIMITS, type FieldErrors } from '../../domain/validation'
import { toast } from '../../navigation'
import { callPhone } from '../../platform/location'
import { previewPhotos } from '../../platform/media'
import { pickPhotosSaying } from '../../ui/photo-pick'
import { deadlineText, formatTime } from '../../platform/time'
import { useStores } from '../../stores/context'
import type { MoveRequest } from '../../stores/handling-store'
import { Screen } from '../../ui/screen'
import { ThreadView } from '../../ui/thread-view'
import { THREAD } from '../../ui/texts'
import { timelineItems } from '../../ui/timeline-items'
import { S } from '../texts'
import './index.css'

/** The order buttons appear in: the usual next step first, the side paths after. */
const MOVE_ORDER: ReportMove[] = ['accept', 'assign', 'progress', 'resolve', 'transfer', 'merge', 'reject', 'escalate', 'close']
const FORWARD: ReportMove[] = ['accept', 'assign', 'resolve']
/** Moves whose note is required (the backend says the same). */
const NOTE_REQUIRED: ReportMove[] = ['transfer', 'progress', 'resolve']
const WITH_PHOTOS: ReportMove[] = ['progress', 'resolve']

interface Form {
  note: string
  reason: string
  choice?: string
  photos: LocalPhoto[]
}

const EMPTY_FORM: Form = { note: '', reason: '', photos: [] }

/** "user:u-sun" → { kind, id } */
function splitChoice<K extends string>(choice: string | undefined): { kind: K; id: string } | undefined {
  if (!choice) return undefined
  const at = choice.indexOf(':')
  return { kind: choice.slice(0, at) as K, id: choice.slice(at + 1) }
}

function requestOf(move: ReportMove, form: Form): MoveRequest {
  switch (move) {
    case 'reject':
      return { move, reason: form.reason }
    case 'assign':
      return { move, note: form.note, assignee: splitChoice<'user' | 'department'>(form.choice) }
    case 'transfer':
      return { move, note: form.note, target: splitChoice<'grid' | 'department'>(form.choice) }
    case 'merge':
      return { move, note: form.note, intoReportId: form.choice }
    case 'progress':
    case 'resolve':
      return { move, note: form.note, photos: form.photos }
    default:
      return { move: move as 'accept' | 'escalate' | 'close', note: form.note }
  }
}

const REVEAL_OPTIONS: Option[] = PHONE_REVEAL_REASONS.map((r) => ({ value: r, label: PHONE_REVEAL_REASON_LABEL[r] }))

/**
 * A contact line with 拨打电话: the tap opens a choice of why (回访核实, 上门前联系, 紧急情况 — the
 * backend records each reveal with it in the audit log); then the full number is asked of the
 * backend (the page holds the masked one) and the phone's dialer is opened with it.
 */
const ContactLine = observer(function ContactLine({ reportId, callable, children }: { reportId: string; callable: boolean; children: ReactNode }) {
  const { handling } = useStores()
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState<PhoneRevealReason | undefined>()
  const [error, setError] = useState<string | undefined>()
  const close = () => {
    setOpen(false)
    setReason(undefined)
    setError(undefined)
  }
  const call = async () => {
    if (!reason) return setError(REASON_REQUIRED)
    const outcome = await handling.contactPhone(reportId, { reason })
    if (outcome.ok) {
      close()
      callPhone(outcome.phone)
    } else if (outcome.fields.reason) setError(outcome.fields.reason)
    else toast(outcome.transient ? S.phoneUnavailable : outcome.message)
  }
  return (
    <View>
      <View className='row handle__contact'>
        <View className='grow'>{children}</View>
        {callable && !open && (
          <Button className='handle__call' type='primary' fill='outline' size='large' onClick={() => setOpen(true)}>
            {S.call}
          </Button>
        )}
      </View>
      {open && (
        <View className='handle__reveal' data-panel='reveal'>
          <View className='handle__label'>{S.revealReason}</View>
          <View className='muted'>{S.revealHint}</View>
          <OptionList
            name='reason'
            options={REVEAL_OPTIONS}
            selected={reason}
            onSelect={(v) => {
              setReason(v as PhoneRevealReason)
              setError(undefined)
            }}
          />
          <FieldError field='reason' message={error} />
          <View className='row handle__confirm-row'>
            <Button className='handle__reveal-cancel' fill='outline' onClick={close}>
              {S.cancel}
            </Button>
            <Button className='handle__dial grow' type='primary' block loading={handling.calling === reportId} onClick={() => void call()}>
              {S.call}
            </Button>
          </View>
        </View>
      )}
    </View>
  )
})

/** The report as the handler needs it: what, where, who, by when. */
const ReportCard = observer(function ReportCard({ detail }: { detail: ReportDetail }) {
  const { directory } = useStores()
  const { report, contact } = detail
  const now = new Date()
  const photoUrls = report.photos.map((p) => p.url).filter(Boolean)
  const place = report.location.kind === 'point' ? `${report.location.name} ${report.location.address}`.trim() : report.location.address
  const waiting = !isTerminal(report.status) && report.status !== 'resolved'
  const overdue = isOverdue(report, now)
  const b = report.beneficiary
  const household = b && `${directory.directory?.buildings.find((x) => x.id === b.buildingId)?.name ?? ''}${b.room}${b.name ? ` ${b.name}` : ''}${b.phoneMasked ? ` ${b.phoneMasked}` : ''}`
  return (
    <View className='card handle__report'>
      <View className='row'>
        <View className='handle__category grow'>{report.categoryName}</View>
        {report.escalated && <View className='handle__escalated'>{S.escalated}</View>}
        <StatusBadge status={report.status} />
      </View>
      <View className='muted'>
        {report.number} · {formatTime(report.createdAt, now)} · {directory.gridName(report.gridId)}
      </View>
      <View className='handle__text'>{report.description}</View>
      {photoUrls.length > 0 && <PhotoGrid urls={photoUrls} onPreview={(i) => previewPhotos(photoUrls, i)} />}
      <View className='handle__facts'>
        <View>
          {S.place}：{place}
        </View>
        <ContactLine reportId={report.id} callable={contact?.relation === 'reporter'}>
          {S.reporter}：{report.reporterName}
          {contact?.relation === 'reporter' ? ` ${contact.phoneMasked}` : ''}
          {report.anonymous ? S.anonymous : ''}
        </ContactLine>
        {report.filedBy && <View className='muted'>{S.filedBy(report.filedBy.name)}</View>}
        {contact && contact.relation !== 'reporter' && (
          <ContactLine reportId={report.id} callable>
            {S.contactOf[contact.relation]}：{contact.name} {contact.phoneMasked}
          </ContactLine>
        )}
        {household && (
          <View>
            {S.household}：{household}
          </View>
        )}
        {report.assignee && (
          <View>
            {S.assignee}：{report.assignee.name}
          </View>
        )}
        {waiting && (
          <View className={overdue ? 'handle__deadline--over' : 'handle__deadline'}>
            {S.deadline}：{formatTime(report.deadlineAt, now)}（{deadlineText(report.deadlineAt, now)}）
          </View>
        )}
      </View>
    </View>
  )
})

function HandlePage() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const { reportDetails, handling, directory, ui } = useStores()
  const [active, setActive] = useState<ReportMove | null>(null)
  const [form, setForm] = useState<Form>(EMPTY_FORM)
  const [errors, setErrors] = useState<FieldErrors>({})

  useDidShow(() => {
    if (!id) return
    void reportDetails.load(id)
    void handling.loadTemplates()
  })
  usePullDownRefresh(async () => {
    await reportDetails.load(id)
    Taro.stopPullDownRefresh()
  })

  const detail = reportDetails.get(id)
  const failure = reportDetails.errors.get(id)
  if (!detail) {
    return (
      <Screen requireSignIn>
        <View className='card muted'>{failure ?? S.loading}</View>
      </Screen>
    )
  }

  const { report, timeline, allowedActions } = detail
  const moves = MOVE_ORDER.filter((m) => allowedActions.includes(m as ReportAction))
  const items = timelineItems(timeline)

  const change = (patch: Partial<Form>, field?: string) => {
    setForm((f) => ({ ...f, ...patch }))
    if (field && errors[field]) setErrors(({ [field]: _gone, ...rest }) => rest)
  }

  const open = (move: ReportMove) => {
    setActive(move)
    setForm(EMPTY_FORM)
    setErrors({})
    if (move === 'merge') void handling.loadMergeCandidates(report)
  }

  const confirm = async () => {
    if (!active) return
    const outcome = await handling.act(report.id, requestOf(active, form))
    if (outcome.ok) {
      toast(S.done(S.moveLabel[active]), 'success')
      setActive(null)
      setForm(EMPTY_FORM)
      setErrors({})
      return
    }
    setErrors(outcome.fields)
    if (Object.keys(outcome.fields).length === 0) toast(outcome.message)
    // Somebody else moved it first: show where it is now.
    if (!Object.keys(outcome.fields).length) void reportDetails.load(report.id)
  }

  const addPhotos = async () => {
    const picked = await pickPhotosSaying(LIMITS.photosMax - form.photos.length, LIMITS.photosMax)
    change({ photos: [...form.photos, ...picked].slice(0, LIMITS.photosMax) }, 'photoIds')
  }

  const insertTemplate = (text: string) => change({ note: form.note ? `${form.note}\n${text}` : text }, 'note')

  const choices = (): { title: string; options: Option[]; field: string; empty: string } | null => {
    const d = directory.directory
    const departments = (d?.departments ?? []).map((x) => ({ value: `department:${x.id}`, label: x.name, hint: S.departments }))
    if (active === 'assign') {
      const workers = (d?.handlers ?? [])
        .filter((h) => h.roles.includes('grid_worker') && h.gridIds.includes(report.gridId))
        .map((h) => ({ value: `user:${h.id}`, label: h.name, hint: S.gridWorkerOf(directory.gridName(report.gridId)) }))
      return { title: S.assignTo, options: [...workers, ...departments], field: 'assignee', empty: S.noGridWorker }
    }
    if (active === 'transfer') {
      const grids = (d?.grids ?? []).filter((g) => g.id !== report.gridId).map((g) => ({ value: `grid:${g.id}`, label: g.name, hint: S.grids }))
      return { title: S.transferTo, options: [...grids, ...departments], field: 'target', empty: '' }
    }
    if (active === 'merge') {
      const candidates = (handling.mergeCandidates.get(report.id) ?? []).map((r) => ({
        value: r.id,
        label: `${r.categoryName} · ${r.number}`,
        hint: r.description,
      }))
      return { title: S.mergeInto, options: candidates, field: 'intoReportId', empty: S.noMergeTarget }
    }
    return null
  }
  const picker = choices()
  const known = new Set(['note', 'reason', 'assignee', 'target', 'intoReportId', 'photoIds', 'photos'])
  const otherErrors = Object.entries(errors).filter(([field]) => !known.has(field))

  return (
    <Screen requireSignIn className='handle'>
      <ReportCard detail={detail} />

      <View className='card handle__actions'>
        <View className='section-title'>{S.actions}</View>
        {moves.length === 0 && <View className='muted'>{S.noActions}</View>}
        <View className='handle__buttons'>
          {moves.map((m) => (
            <Button
              key={m}
              className={`handle__move handle__move--${m}${active === m ? ' handle__move--on' : ''}`}
              data-move={m}
              type={m === 'reject' ? 'danger' : 'primary'}
              size='large'
              fill={FORWARD.includes(m) || active === m ? 'solid' : 'outline'}
              onClick={() => open(m)}
            >
              {S.moveLabel[m]}
            </Button>
          ))}
        </View>

        {active && (
          <View className='handle__panel' data-panel={active}>
            <View className='handle__panel-title'>{S.moveLabel[active]}</View>
            <View className='muted'>{S.moveHint[active]}</View>

            {picker && (
              <View className='handle__field'>
                <View className='handle__label'>{picker.title}</View>
                <OptionList name={picker.field} options={picker.options} selected={form.choice} onSelect={(v) => change({ choice: v }, picker.field)} empty={picker.empty} />
                <FieldError field={picker.field} message={errors[picker.field]} />
              </View>
            )}

            {handling.templates.length > 0 && active !== 'escalate' && active !== 'reject' && (
              <View className='handle__field'>
                <View className='handle__label'>{S.templates}</View>
                <View className='handle__templates'>
                  {handling.templates.map((t) => (
                    <View key={t.id} className='handle__template tap-target' data-template={t.id} onClick={() => insertTemplate(t.text)}>
                      {t.title}
                    </View>
                  ))}
                </View>
              </View>
            )}

            {active === 'reject' ? (
              <View className='handle__field'>
                <View className='handle__label'>{S.reason}</View>
                <TextArea
                  className='handle__reason'
                  value={form.reason}
                  placeholder={S.reasonPlaceholder}
                  maxLength={-1}
                  autoSize
                  onChange={(v) => change({ reason: v }, 'reason')}
                />
                <FieldError field='reason' message={errors.reason} />
              </View>
            ) : (
              <View className='handle__field'>
                <View className='handle__label'>{NOTE_REQUIRED.includes(active) ? S.note : S.noteOptional}</View>
                <TextArea
                  className='handle__note'
                  value={form.note}
                  placeholder={S.notePlaceholder}
                  maxLength={-1}
                  autoSize
                  onChange={(v) => change({ note: v }, 'note')}
                />
                <FieldError field='note' message={errors.note} />
              </View>
            )}

            {WITH_PHOTOS.includes(active) && (
              <View className='handle__field'>
                <View className='handle__label'>{active === 'resolve' ? S.proofPhotos : S.photos}</View>
                <PhotoGrid
                  urls={form.photos.map((p) => p.path)}
                  onAdd={() => void addPhotos()}
                  onRemove={(i) => change({ photos: form.photos.filter((_, j) => j !== i) }, 'photoIds')}
                  onPreview={(i) => previewPhotos(form.photos.map((p) => p.path), i)}
                  max={LIMITS.photosMax}
                />
                <FieldError field='photoIds' message={errors.photoIds ?? errors.photos} />
              </View>
            )}

            {otherErrors.map(([field, message]) => (
              <FieldError key={field} field={field} message={message} />
            ))}

            <View className='row handle__confirm-row'>
              <Button className='handle__cancel' fill='outline' onClick={() => setActive(null)}>
                {S.cancel}
              </Button>
              <Button
                className='handle__confirm grow'
                type={active === 'reject' ? 'danger' : 'primary'}
                block
                loading={handling.busy === active}
                onClick={() => void confirm()}
              >
                {S.confirm(S.moveLabel[active])}
              </Button>
            </View>
          </View>
        )}
      </View>

      <View className='card'>
        <View className='section-title'>{S.timeline}</View>
        {process.env.TARO_ENV === 'weapp' ? (
          <status-timeline events={items} elder={ui.elderMode} onPhototap={(e) => previewPhotos([e.detail.url], 0)} />
        ) : (
          <Timeline items={items} elder={ui.elderMode} onPhotoTap={(_id, url) => previewPhotos([url], 0)} />
        )}
      </View>

      <ThreadView threadId={reportThreadId(report.id)} title={THREAD.reportThread} hint={THREAD.handlerThreadHint} placeholder={THREAD.replyPlaceholder} sendLabel={THREAD.reply} />
    </Screen>
  )
}

export default observer(HandlePage)
