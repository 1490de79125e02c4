import { View, Text } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { ReactNode } from 'react'
import { ReportRow } from '../../components/report-row'
import { CONVENTION_KIND_LABEL, DISCLOSURE_CATEGORY_LABEL } from '../../domain/consultation/labels'
import { isOverdue } from '../../domain/deadline'
import { go, ROUTES } from '../../navigation'
import { formatTime, fromNow } from '../../platform/time'
import { useStores } from '../../stores/context'
import { NextBooking } from '../../ui/booking-entries'
import { OutboxBanner } from '../../ui/outbox-banner'
import { H } from './texts'

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
 * 首页 below the actions for a signed-in person in a community (./index.tsx draws it; on H5 a chunk
 * of its own, ADR 40): the next booking; the front door — what waits for my household in 议事 (only
 * what the backend offers): votes to cast, conventions to acknowledge, proposals near their
 * threshold, the latest disclosure, then the latest notices; the outbox and my latest reports.
 */
function SignedInHome() {
  const { consultation, notices, myReports, ui } = useStores()
  const o = consultation.overview
  const now = ui.now // relative times move on while the page is open
  return (
    <>
      <NextBooking />
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
      <OutboxBanner />
      <View className='section-title'>最近反映</View>
      {myReports.items.slice(0, 3).map((r) => (
        <ReportRow key={r.id} report={r} when={fromNow(r.createdAt, now)} overdue={isOverdue(r, now)} onOpen={(id) => go(ROUTES.reportDetail(id))} />
      ))}
      {myReports.loaded && myReports.items.length === 0 && <View className='muted'>还没有反映过问题。</View>}
    </>
  )
}

export default observer(SignedInHome)
