// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { View } from '@tarojs/components'
import { useDidShow, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import type { VoteRoll } from '../../../types/domain'
import { Chips } from '../../components/chips'
import { ProgressBar } from '../../components/progress-bar'
import { formatTime } from '../../platform/time'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import { VirtualPage, type PageEntry } from '../../ui/virtual-page'
import { PR } from '../texts-proposals'
import '../proposals.css'

/** A tappable text reached by the keyboard on H5 (WeChat ignores it). */
const KEYBOARD = { tabIndex: 0 } as object

type Row = VoteRoll['rows'][number]

const RollRow = observer(function RollRow({ r }: { r: Row }) {
  const { ui } = useStores()
  return (
    <View className={`card roll-row${r.voted ? ' roll-row--voted' : ''}`} data-household={`${r.buildingId}:${r.room}`}>
      <View className='row'>
        <View className='roll-row__door grow'>
          {r.buildingName} {r.room}
        </View>
        <View className={`roll-row__state roll-row__state--${r.voted ? 'voted' : 'not'}`}>{r.voted ? PR.rollVoted : PR.rollNotVoted}</View>
      </View>
      {r.voted && (
        <View className='muted roll-row__how'>
          {[r.channel === 'paper' ? PR.rollPaper(r.enteredByName) : r.channel === 'phone' ? PR.rollPhone : '', r.castByName ? PR.rollBy(r.castByName) : '', r.at ? formatTime(r.at, ui.now) : '']
            .filter(Boolean)
            .join(' · ')}
        </View>
      )}
    </View>
  )
})

/** Who has voted (never how): staff see the roll, a building leader their buildings'. */
function VoteRollPage() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const { votes, session } = useStores()
  const [filter, setFilter] = useState<'all' | 'not' | 'voted'>('all')
  const signedIn = session.status === 'signed_in'
  const load = () => {
    if (!id || !signedIn) return
    void votes.loadRoll(id)
    if (!votes.get(id)) void votes.load(id)
  }
  useDidShow(load)
  // Opened by a link or reloaded before the session is back: read it once signed in.
  useEffect(() => {
    load()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn, id])
  const roll = votes.rolls.get(id)
  const vote = votes.get(id)
  if (!roll) {
    return (
      <Screen requireSignIn>
        <View {...KEYBOARD} className='card muted' onClick={() => void votes.loadRoll(id)}>
          {votes.rollErrors.get(id) ?? PR.loading}
        </View>
      </Screen>
    )
  }
  const voted = roll.rows.filter((r) => r.voted).length
  const rows = roll.rows.filter((r) => filter === 'all' || (filter === 'voted') === r.voted)
  const entries: PageEntry[] = [
    {
      key: 'head',
      render: () => (
        <View className='roll-head'>
          {vote && <View className='section-title'>{vote.title}</View>}
          <View className='card'>
            <View className='proposal__count' data-roll='count'>
              {PR.rollSummary(voted, roll.rows.length)}
            </View>
            <ProgressBar name='roll' share={voted / Math.max(1, roll.rows.length)} label={PR.rollSummary(voted, roll.rows.length)} />
            <View className='muted'>{PR.rollHint}</View>
          </View>
          <Chips name='roll-filter' options={PR.rollFilters} selected={[filter]} onTap={(v) => setFilter(v as typeof filter)} />
          {rows.length === 0 && <View className='card muted roll-empty'>{PR.rollEmpty}</View>}
        </View>
      ),
    },
    ...rows.map((r) => ({ key: `${r.buildingId}:${r.room}`, render: () => <RollRow r={r} /> })),
  ]
  return (
    <Screen requireSignIn className='vote-roll page--list'>
      <VirtualPage key={filter} entries={entries} estimatedHeight={130} onRefresh={() => votes.loadRoll(id)} />
    </Screen>
  )
}

export default observer(VoteRollPage)
