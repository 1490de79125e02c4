// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { Button } from '@nutui/nutui-react-taro'
import { Picker, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import type { Convention, ConventionArticle, ConventionVersion } from '../../../types/domain'
import { actorOf } from '../../domain/actor'
import { currentDraft, refuseManageConvention } from '../../domain/consultation/conventions'
import { confirm, go, ROUTES, toast } from '../../navigation'
import { formatTime } from '../../platform/time'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import { conventionMeta, dayOf, pickerDay, startOfPickedDay } from '../format'
import { C } from '../texts'
import '../consult.css'

/**
 * One convention: the articles of the version in force (each open to 议一议 and 提修改建议), my
 * household's 承诺遵守, the 修订记录 with each version compared to the one before; for those who
 * write it, the next version's draft, publishing it and putting it to a vote.
 */
function ConventionPage() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const { conventions, session } = useStores()
  const signedIn = session.status === 'signed_in'
  const load = () => (signedIn && id ? conventions.open(id) : Promise.resolve())
  useDidShow(() => void load())
  useEffect(() => {
    void load()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn, id])
  usePullDownRefresh(async () => {
    await load()
    Taro.stopPullDownRefresh()
  })

  const c = conventions.get(id)
  const user = session.user
  const manages = !!c && !!user && refuseManageConvention(actorOf(user), c) === null
  const draft = c && manages ? currentDraft(c.versions) : undefined
  // Before its first version takes effect, those who write it read the draft's articles.
  const shownVersion: ConventionVersion | undefined = c?.inForce ?? (draft ? conventions.version(id, draft.version) : undefined)
  useEffect(() => {
    if (c && !c.inForce && draft && !conventions.version(id, draft.version)) void conventions.loadVersion(id, draft.version)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [c?.inForce?.version, draft?.version])

  if (!c) {
    return (
      <Screen requireSignIn>
        <View className='card muted' aria-role='button' onClick={() => void load()}>
          {conventions.detailErrors.get(id) ? `${conventions.detailErrors.get(id)}${C.retry}` : C.loading}
        </View>
      </Screen>
    )
  }

  // A convention has fewer than CONVENTION_LIMITS.articlesMax articles: the page draws them all and
  // scrolls as a plain page (a virtual list inside it stopped drawing below the first screen on H5).
  return (
    <Screen requireSignIn className='consult convention'>
      <Head convention={c} version={shownVersion} />
      {c.inForce && <Acknowledge convention={c} />}
      {/* Those who write it find the draft's moves before the articles. */}
      {manages && <Manage convention={c} />}
      {shownVersion?.articles.map((a) => (
        <Article key={a.id} convention={c} article={a} discussable={!!c.inForce} />
      ))}
      {shownVersion && shownVersion.articles.length === 0 && <View className='card muted'>{C.noArticles}</View>}
      <History convention={c} />
    </Screen>
  )
}

const Head = observer(function Head({ convention: c, version }: { convention: Convention; version?: ConventionVersion }) {
  return (
    <View className='card convention__head'>
      <Text className='convention__title'>{c.title}</Text>
      <View className='muted convention__meta'>{conventionMeta(c)}</View>
      <View className='muted'>{c.kind === 'building' ? C.buildingsOf(c.buildingNames) : C.wholeCommunity}</View>
      {version && (
        <View className='convention__note'>
          <View className='convention__note-label'>
            {C.changeNote}
            {!c.inForce && version.status === 'draft' ? `（${C.versionStatus.draft}）` : ''}
          </View>
          <Text className='convention__note-text'>{version.changeNote}</Text>
          <View className='muted'>{C.versionMeta(version.createdByName, dayOf(version.effectiveFrom ?? version.createdAt))}</View>
        </View>
      )}
    </View>
  )
})

/** 承诺遵守 for my household: who of us did it and when, or the button. Staff and leaders: the count and the sheet. */
const Acknowledge = observer(function Acknowledge({ convention: c }: { convention: Convention }) {
  const { conventions, consultation, session, ui } = useStores()
  const user = session.user
  const leads = user?.leadsBuildingIds ?? []
  const seesSheet = session.hasRole('staff') || (session.hasRole('building_leader') && (c.kind !== 'building' || c.buildingIds.some((b) => leads.includes(b))))
  const acknowledge = async () => {
    const outcome = await conventions.acknowledge(c.id)
    if (outcome.ok) {
      consultation.acknowledged(c.id)
      toast(C.acknowledgedToast, 'success')
    } else toast(outcome.message)
  }
  return (
    <View className='card convention__ack'>
      <View className='section-title'>{C.acknowledgeTitle}</View>
      {c.bindsMe ? (
        c.myAcknowledgement ? (
          <View className='convention__acked'>{C.acknowledgedBy(c.myAcknowledgement.byName, formatTime(c.myAcknowledgement.at, ui.now))}</View>
        ) : (
          <>
            <View className='muted convention__ack-hint'>{C.acknowledgeHint}</View>
            <Button className='convention__ack-btn' type='primary' block size='large' loading={conventions.busy === c.id} onClick={() => void acknowledge()}>
              {conventions.busy === c.id ? C.acknowledging : C.acknowledgeButton}
            </Button>
          </>
        )
      ) : (
        <View className='muted'>{user?.home ? C.notBinding : C.noHome}</View>
      )}
      {seesSheet && (
        <>
          <View className='convention__count'>{C.acknowledgedOf(c.acknowledgedHouseholds, c.households)}</View>
          <Button className='convention__sheet' type='primary' fill='outline' block onClick={() => go(ROUTES.conventionSheet(c.id))}>
            {C.viewSheet}
          </Button>
        </>
      )}
    </View>
  )
})

const Article = observer(function Article({ convention: c, article: a, discussable }: { convention: Convention; article: ConventionArticle; discussable: boolean }) {
  return (
    <View className='card article' data-article={a.id}>
      <View className='article__heading'>
        <Text className='article__no'>{C.articleNo(a.number)}</Text>
        {a.title && <Text className='article__title'>{a.title}</Text>}
      </View>
      <Text className='article__text' userSelect selectable>
        {a.text}
      </Text>
      {discussable && (
        <View className='row article__actions'>
          <View
            className='article__action tap-target'
            aria-role='button'
            onClick={() => go(ROUTES.discussion({ kind: 'article', conventionId: c.id, articleId: a.id }, `${c.title} ${C.articleNo(a.number)}`))}
          >
            {C.discussArticle}
          </View>
          <View className='article__action tap-target' aria-role='button' onClick={() => go(ROUTES.newProposal({ conventionId: c.id, articleId: a.id }))}>
            {C.suggestChange}
          </View>
        </View>
      )}
    </View>
  )
})

/** Those who write it: the next version's draft — write it, publish it from a day, or put it to the residents' vote. */
const Manage = observer(function Manage({ convention: c }: { convention: Convention }) {
  const { conventions } = useStores()
  const draft = currentDraft(c.versions)
  const [day, setDay] = useState(() => pickerDay(new Date()))
  const publish = async () => {
    if (!draft) return
    const today = day === pickerDay(new Date())
    if (!(await confirm(C.publishConfirm(draft.version, today ? C.effectiveToday.replace('起', '') : dayOf(startOfPickedDay(day)))))) return
    const outcome = await conventions.publishDraft(c.id, startOfPickedDay(day))
    toast(outcome.ok ? C.published : outcome.message, outcome.ok ? 'success' : 'none')
  }
  return (
    <View className='card convention__manage'>
      <View className='section-title'>{C.manageTitle}</View>
      {draft && <View className='convention__draft'>{draft.voteId ? C.draftVote(draft.version) : C.draftWaiting(draft.version)}</View>}
      <Button className='convention__edit' type='primary' fill='outline' block onClick={() => go(ROUTES.conventionEdit(c.id))}>
        {draft ? C.editDraft(draft.version) : C.editNext}
      </Button>
      {draft && !draft.voteId && (
        <>
          <Picker mode='date' value={day} start={pickerDay(new Date())} onChange={(e) => setDay(String(e.detail.value))}>
            <View className='row convention__day tap-target' aria-role='button'>
              <View className='grow'>{C.effectiveFrom}</View>
              <View className='convention__day-value'>{day === pickerDay(new Date()) ? C.effectiveToday : `${dayOf(startOfPickedDay(day))}起`}</View>
            </View>
          </Picker>
          <Button className='convention__publish' type='primary' block loading={conventions.busy === c.id} onClick={() => void publish()}>
            {C.publishDraft}
          </Button>
          <Button className='convention__vote' type='primary' fill='outline' block onClick={() => go(ROUTES.newVote({ conventionId: c.id }))}>
            {C.putToVote}
          </Button>
        </>
      )}
      {draft?.voteId && (
        <Button className='convention__vote' type='primary' fill='outline' block onClick={() => go(ROUTES.vote(draft.voteId!))}>
          {C.draftVote(draft.version)}
        </Button>
      )}
    </View>
  )
})

/** 修订记录: every version, newest first, each compared with the one before it. */
const History = observer(function History({ convention: c }: { convention: Convention }) {
  const versions = [...c.versions].sort((a, b) => b.version - a.version)
  return (
    <View className='card convention__history'>
      <View className='section-title'>{C.history}</View>
      {versions.map((v) => (
        <View key={v.version} className='version' data-version={v.version}>
          <View className='row version__head'>
            <Text className='version__no'>{C.versionOf(v.version)}</Text>
            <Text className={`version__status version__status--${v.status}`}>{C.versionStatus[v.status]}</Text>
            {c.inForce?.version === v.version && <Text className='version__status version__status--current'>{C.inForceMark}</Text>}
          </View>
          <Text className='version__note'>{v.changeNote}</Text>
          <View className='muted'>
            {v.effectiveFrom ? C.effective(dayOf(v.effectiveFrom)) : C.versionMeta(v.createdByName, dayOf(v.createdAt))}
          </View>
          {v.version > 1 && (
            <View className='version__compare tap-target' aria-role='button' onClick={() => go(ROUTES.conventionDiff(c.id, v.version - 1, v.version))}>
              {C.compareWithPrevious}
            </View>
          )}
        </View>
      ))}
    </View>
  )
})

export default observer(ConventionPage)
