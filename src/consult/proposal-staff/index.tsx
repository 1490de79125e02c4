// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { Input, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import type { LocalPhoto, ProposalAnswerInput } from '../../../types/api'
import type { Proposal } from '../../../types/domain'
import { Chips } from '../../components/chips'
import { FieldError } from '../../components/field-error'
import { OptionList } from '../../components/option-list'
import { PhotoGrid } from '../../components/photo-grid'
import { PROPOSAL_LIMITS } from '../../domain/consultation/proposals'
import type { FieldErrors } from '../../domain/validation'
import { replaceWithToast, ROUTES, scrollToFirstError, toast } from '../../navigation'
import { randomId } from '../../platform/ids'
import { previewPhotos } from '../../platform/media'
import { pickPhotosSaying } from '../../ui/photo-pick'
import { useStores } from '../../stores/context'
import type { ProposalOutcome } from '../../stores/proposals-store'
import { Screen } from '../../ui/screen'
import { PR } from '../texts-proposals'
import '../proposals.css'

type Action = 'answer' | 'minutes' | 'progress'

/** Photos picked on the device for minutes or progress (sent when the form is). */
function usePhotos() {
  const [photos, setPhotos] = useState<LocalPhoto[]>([])
  const add = async () => {
    const picked = await pickPhotosSaying(PROPOSAL_LIMITS.photosMax - photos.length, PROPOSAL_LIMITS.photosMax)
    setPhotos((p) => [...p, ...picked].slice(0, PROPOSAL_LIMITS.photosMax))
  }
  const grid = (
    <PhotoGrid
      urls={photos.map((p) => p.path)}
      onAdd={() => void add()}
      onRemove={(i) => setPhotos((p) => p.filter((_, k) => k !== i))}
      onPreview={(i) => previewPhotos(photos.map((p) => p.path), i)}
      max={PROPOSAL_LIMITS.photosMax}
    />
  )
  return { photos, grid }
}

function done(outcome: ProposalOutcome, okText: string, setErrors: (f: FieldErrors) => void): void {
  if (outcome.ok) {
    replaceWithToast(ROUTES.proposal(outcome.proposal.id), okText, 'success')
    return
  }
  setErrors(outcome.fields)
  toast(outcome.message)
  scrollToFirstError()
}

/** 列入议程 / 不予采纳 (with the reason) / 合并 (into another open proposal). */
const AnswerForm = observer(function AnswerForm({ p }: { p: Proposal }) {
  const { proposals } = useStores()
  const [kind, setKind] = useState<ProposalAnswerInput['kind']>('agenda')
  const [reason, setReason] = useState('')
  const [into, setInto] = useState<string | undefined>()
  const [errors, setErrors] = useState<FieldErrors>({})
  useEffect(() => {
    void proposals.loadOpenProposals(p.id)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [p.id])
  const send = async () => {
    const input: ProposalAnswerInput = kind === 'merged' ? { kind, reason, intoProposalId: into ?? '' } : { kind, reason }
    done(await proposals.answer(p.id, input), PR.answered, setErrors)
  }
  return (
    <>
      <View className='card'>
        <View className='section-title'>{PR.answerPage}</View>
        <Chips
          name='answer-kind'
          options={PR.answerKinds}
          selected={[kind]}
          onTap={(v) => {
            setKind(v as ProposalAnswerInput['kind'])
            setErrors({})
          }}
        />
        <FieldError field='kind' message={errors.kind} />
      </View>
      {kind === 'merged' && (
        <View className='card'>
          <View className='section-title'>{PR.mergeTarget}</View>
          <OptionList
            name='merge-target'
            options={proposals.openProposals.map((o) => ({ value: o.id, label: o.title, hint: PR.cosignsOf(o.cosigns, o.threshold) }))}
            selected={into}
            onSelect={(v) => {
              setInto(v)
              setErrors({})
            }}
            empty={PR.mergeEmpty}
          />
          <FieldError field='intoProposalId' message={errors.intoProposalId} />
        </View>
      )}
      <View className='card'>
        <View className='section-title'>{kind === 'declined' ? PR.reasonRequired : PR.reasonLabel}</View>
        <TextArea className='cp-field staff-form__reason' value={reason} placeholder={PR.reasonPlaceholder} maxLength={-1} autoSize onChange={(v) => setReason(v)} />
        <FieldError field='reason' message={errors.reason} />
      </View>
      <Button className='staff-form__submit' type='primary' block size='xlarge' loading={proposals.busy === 'answer'} onClick={() => void send()}>
        {PR.sendAnswer}
      </Button>
    </>
  )
})

/** 议事会纪要: text and photos. */
const MinutesForm = observer(function MinutesForm({ p }: { p: Proposal }) {
  const { proposals } = useStores()
  const [text, setText] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [key] = useState(() => randomId('mk_'))
  const { photos, grid } = usePhotos()
  const send = async () => done(await proposals.addMinutes(p.id, text, photos, key), PR.minutesPublished, setErrors)
  return (
    <>
      <View className='card'>
        <View className='section-title'>{PR.minutesText}</View>
        <TextArea className='cp-field staff-form__text' value={text} placeholder={PR.minutesPlaceholder} maxLength={-1} autoSize onChange={(v) => setText(v)} />
        <FieldError field='text' message={errors.text} />
      </View>
      <View className='card'>
        <View className='section-title'>{PR.minutesPhotos}</View>
        {grid}
        <FieldError field='photoIds' message={errors.photoIds} />
      </View>
      <Button className='staff-form__submit' type='primary' block size='xlarge' loading={proposals.busy === 'minutes'} onClick={() => void send()}>
        {PR.publishMinutes}
      </Button>
    </>
  )
})

/** 落实进展: percent, text, photos; who carries it out (required on the first update). */
const ProgressForm = observer(function ProgressForm({ p }: { p: Proposal }) {
  const { proposals } = useStores()
  const e = p.evaluation
  const last = e && e.updates.length ? e.updates[e.updates.length - 1].percent : 0
  const [percent, setPercent] = useState(String(Math.min(100, last + 10)))
  const [text, setText] = useState('')
  const [responsible, setResponsible] = useState(e?.responsible ?? '')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [key] = useState(() => randomId('gk_'))
  const { photos, grid } = usePhotos()
  const steps = ['10', '20', '30', '40', '50', '60', '70', '80', '90', '100'].filter((s) => Number(s) >= last)
  const send = async () => {
    const changed = responsible.trim() && responsible.trim() !== (e?.responsible ?? '')
    done(
      await proposals.addProgress(p.id, { percent: Number(percent), text, ...(changed || !e?.responsible ? { responsible } : {}) }, photos, key),
      PR.progressSaved,
      setErrors,
    )
  }
  return (
    <>
      <View className='card'>
        <View className='section-title'>{PR.responsibleLabel}</View>
        <Input className='cp-field cp-input staff-form__responsible' value={responsible} placeholder={PR.responsiblePlaceholder} maxlength={PROPOSAL_LIMITS.responsibleMax + 10} onInput={(ev) => setResponsible(ev.detail.value)} />
        <FieldError field='responsible' message={errors.responsible} />
        <View className='section-title proposal-new__gap'>
          {PR.percentLabel}：{percent}%
        </View>
        <Chips name='percent' options={steps.map((s) => ({ value: s, label: `${s}%` }))} selected={[percent]} onTap={(v) => setPercent(v)} />
        <FieldError field='percent' message={errors.percent} />
      </View>
      <View className='card'>
        <View className='section-title'>{PR.progressText}</View>
        <TextArea className='cp-field staff-form__text' value={text} placeholder={PR.progressPlaceholder} maxLength={-1} autoSize onChange={(v) => setText(v)} />
        <FieldError field='text' message={errors.text} />
      </View>
      <View className='card'>
        <View className='section-title'>{PR.progressPhotos}</View>
        {grid}
        <FieldError field='photoIds' message={errors.photoIds} />
      </View>
      <Button className='staff-form__submit' type='primary' block size='xlarge' loading={proposals.busy === 'progress'} onClick={() => void send()}>
        {PR.saveProgress}
      </Button>
    </>
  )
})

const TITLES: Record<Action, string> = { answer: PR.answerPage, minutes: PR.minutesPage, progress: PR.progressPage }

/** Staff's work on a proposal: `action=answer|minutes|progress`. */
function ProposalStaffPage() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const action: Action = params.action === 'minutes' || params.action === 'progress' ? params.action : 'answer'
  const { proposals, session } = useStores()
  useDidShow(() => {
    void Taro.setNavigationBarTitle({ title: TITLES[action] }).catch(() => undefined)
    if (id && session.status === 'signed_in' && !proposals.get(id)) void proposals.load(id)
  })
  // Opened by a link or reloaded before the session is back: read it once signed in.
  const signedIn = session.status === 'signed_in'
  useEffect(() => {
    if (id && signedIn && !proposals.get(id)) void proposals.load(id)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn, id])
  const p = proposals.get(id)
  if (session.status === 'signed_in' && !session.hasRole('staff')) {
    return (
      <Screen requireSignIn>
        <View className='card muted'>{PR.staffOnly}</View>
      </Screen>
    )
  }
  if (!p) {
    return (
      <Screen requireSignIn>
        <View className='card muted'>{proposals.errors.get(id) ?? PR.loading}</View>
      </Screen>
    )
  }
  return (
    <Screen requireSignIn className='staff-form'>
      <View className='card'>
        <View className='proposal__title'>{p.title}</View>
        <View className='muted'>
          {PR.by(p.authorName, p.authorBuildingName)} · {PR.cosignsOf(p.cosigns, p.threshold)}
        </View>
      </View>
      {action === 'answer' && <AnswerForm p={p} />}
      {action === 'minutes' && <MinutesForm p={p} />}
      {action === 'progress' && <ProgressForm p={p} />}
    </Screen>
  )
}

export default observer(ProposalStaffPage)
