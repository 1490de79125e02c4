import { Button } from '@nutui/nutui-react-taro'
import { View, Text } from '@tarojs/components'
import { useEffect, type ReactNode } from 'react'
import { useDidShow, useLoad, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { isOverdue } from '../../domain/deadline'
import { parseScene } from '../../domain/scene'
import { ReportRow } from '../../components/report-row'
import { CONVENTION_KIND_LABEL, DISCLOSURE_CATEGORY_LABEL } from '../../domain/consultation/labels'
import { go, ROUTES } from '../../navigation'
import { formatTime, fromNow } from '../../platform/time'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import { OutboxBanner } from '../../ui/outbox-banner'
import { NextBooking } from '../../ui/booking-entries'
import { useUnreadBadge } from '../../ui/tab-badge'
import { CommunityPrompt, MembershipBanner } from '../../ui/membership-banner'
import { WorkspaceEntry } from '../../ui/workspace-entry'
import { H } from './texts'
import './index.css'

function HomePage() {
  const { session, directory, myReports, membership, consultation, notices, myBookings, ui } = useStores()
  const router = useRouter()
  // Opened from a mini-program code: its scene says what for (i=<invite>, c=<community>).
  useLoad(() => {
    const target = parseScene(router.params.scene)
    if (target?.kind === 'invite') go(ROUTES.redeemInvite(target.code))
    else if (target?.kind === 'community') go(ROUTES.chooseCommunity(target.code))
  })
  useDidShow(() => {
    if (session.status !== 'signed_in' || session.needsCommunity) return
    void myReports.load()
    // The front door shows what waits now: votes, conventions, proposals, the latest notices.
    void consultation.refresh()
    void notices.refresh()
    void myBookings.load()
    // A claim may have been decided since: the banner follows.
    const user = session.user
    if (user && !user.home && membership.available) {
      void session.refresh()
      void membership.loadHome()
    }
  })
  // Signed in (or the session restored) while 首页 was already open: the front door fills in.
  const ready = session.status === 'signed_in' && !session.needsCommunity ? session.user?.id : undefined
  useEffect(() => {
    if (!ready) return
    void consultation.refresh()
    void notices.refresh()
    void myBookings.load()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready])
  useUnreadBadge()
  const user = session.user
  const now = ui.now // relative times move on while the page is open
  return (
    <Screen className='home'>
      <View className='home__hero'>
        <View className='home__community'>{directory.directory?.community.name ?? '邻里 · 社区一站通'}</View>
        <View className='home__greeting'>{user ? `${user.name}，您好` : '有事找社区，随手拍一拍'}</View>
      </View>

      <CommunityPrompt className='home__choose' />
      <MembershipBanner />

      {!session.needsCommunity && (
        <View className='card home__actions'>
          <Button className='home__report tap-target' type='primary' block size='xlarge' onClick={() => go(session.user ? ROUTES.newReport : ROUTES.signIn)}>
            我要反映问题（随手拍）
          </Button>
          <View className='home__hint muted'>路灯坏了、楼道漏水、垃圾堆放……拍张照片告诉社区，办理进度随时可查。</View>
          <View className='row home__links'>
            <View className='home__link tap-target' onClick={() => go(ROUTES.tasks)}>
              我的诉求
            </View>
            <View className='home__link tap-target' onClick={() => go(ROUTES.me)}>
              长辈模式
            </View>
          </View>
        </View>
      )}

      <WorkspaceEntry />

      {user && !session.needsCommunity ? (
        <>
          <NextBooking />
          <FrontDoor />
          <OutboxBanner />
          <View className='section-title'>最近反映</View>
          {myReports.items.slice(0, 3).map((r) => (
            <ReportRow key={r.id} report={r} when={fromNow(r.createdAt, now)} overdue={isOverdue(r, now)} onOpen={(id) => go(ROUTES.reportDetail(id))} />
          ))}
          {myReports.loaded && myReports.items.length === 0 && <View className='muted'>还没有反映过问题。</View>}
        </>
      ) : (
        session.status === 'signed_out' && (
          <View className='card'>
            <Text>登录后可以反映问题、查看办理进度、评价办理结果。</Text>
            <Button className='home__signin' type='primary' fill='outline' block onClick={() => go(ROUTES.signIn)}>
              登录
            </Button>
          </View>
        )
      )}
    </Screen>
  )
}

/** A card of the front door: a title, then rows that each open what they name. */
function DoorCard({ name, title, children }: { name: string; title: string; children: ReactNode }) {
  return (
    <View className={`card home__door home__door--${name}`} data-door={name}>
      <View className='section-title home__door-title'>{title}</View>
      {children}
    </View>
  )
}

function DoorRow({ id, title, meta, onOpen }: { id: string; title: string; meta: string; onOpen: () => void }) {
  return (
    <View className='home__door-row tap-target' data-id={id} aria-role='button' onClick={onOpen}>
      <Text className='home__door-row-title'>{title}</Text>
      <View className='muted'>{meta}</View>
    </View>
  )
}

/**
 * What waits for my household in 议事 (only what the backend offers): votes to cast, conventions to
 * acknowledge, proposals near their threshold, the latest disclosure; then the latest notices.
 */
const FrontDoor = observer(function FrontDoor() {
  const { consultation, notices, ui } = useStores()
  const o = consultation.overview
  const now = ui.now
  return (
    <>
      {consultation.available && consultation.error && !o && (
        <View className='card field-error home__door-error' aria-role='button' onClick={() => void consultation.refresh()}>
          {H.loadFailed}
          {H.retry}
        </View>
      )}
      {o && o.votesToCast.length > 0 && (
        <DoorCard name='votes' title={H.votesToCast}>
          {o.votesToCast.map((v) => (
            <DoorRow key={v.id} id={v.id} title={v.title} meta={`${v.scopeLabel} · ${H.closesAt(formatTime(v.closesAt, now))}`} onOpen={() => go(ROUTES.vote(v.id))} />
          ))}
        </DoorCard>
      )}
      {o && o.conventionsToAcknowledge.length > 0 && (
        <DoorCard name='conventions' title={H.toAcknowledge}>
          {o.conventionsToAcknowledge.map((c) => (
            <DoorRow key={c.id} id={c.id} title={c.title} meta={`${CONVENTION_KIND_LABEL[c.kind]} · ${H.acknowledgeHint}`} onOpen={() => go(ROUTES.convention(c.id))} />
          ))}
        </DoorCard>
      )}
      {o && o.nearThreshold.length > 0 && (
        <DoorCard name='proposals' title={H.nearThreshold}>
          {o.nearThreshold.map((p) => (
            <DoorRow key={p.id} id={p.id} title={p.title} meta={H.cosignsOf(p.cosigns, p.threshold)} onOpen={() => go(ROUTES.proposal(p.id))} />
          ))}
        </DoorCard>
      )}
      {o?.latestDisclosure && (
        <DoorCard name='disclosure' title={H.latestDisclosure}>
          <DoorRow
            id={o.latestDisclosure.id}
            title={o.latestDisclosure.title}
            meta={`${DISCLOSURE_CATEGORY_LABEL[o.latestDisclosure.category]} · ${o.latestDisclosure.periodLabel}`}
            onOpen={() => go(ROUTES.disclosure(o.latestDisclosure!.id))}
          />
        </DoorCard>
      )}
      {consultation.available && (
        <View className='card home__hub tap-target' aria-role='button' onClick={() => go(ROUTES.consult())}>
          {H.hub}
        </View>
      )}
      {notices.available && notices.items.length > 0 && (
        <DoorCard name='notices' title={H.latestNotices}>
          {notices.items.slice(0, 2).map((n) => (
            <DoorRow key={n.id} id={n.id} title={n.title} meta={`${n.authorName} · ${formatTime(n.publishedAt, now)}`} onOpen={() => go(ROUTES.noticeDetail(n.id))} />
          ))}
          <View className='home__door-more tap-target' aria-role='button' onClick={() => go(ROUTES.messages)}>
            {H.allNotices}
          </View>
        </DoorCard>
      )}
    </>
  )
})

export default observer(HomePage)
