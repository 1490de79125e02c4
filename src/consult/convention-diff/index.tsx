// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import type { ArticleChange } from '../../../types/domain'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import { VirtualPage, type PageEntry } from '../../ui/virtual-page'
import { charDiff, type Piece } from '../char-diff'
import { C } from '../texts'
import '../consult.css'

/** 修订记录: what changed from one version to another, article by article, the changed characters marked. */
function ConventionDiffPage() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const from = Number(params.from)
  const to = Number(params.to)
  const { conventions, session } = useStores()
  const signedIn = session.status === 'signed_in'
  const [showUnchanged, setShowUnchanged] = useState(false)
  const load = async () => {
    if (!signedIn || !id || !Number.isInteger(from) || !Number.isInteger(to)) return
    await Promise.all([conventions.loadDiff(id, from, to), conventions.get(id) ? Promise.resolve() : conventions.open(id)])
  }
  useEffect(() => {
    void load()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn, id, from, to])
  usePullDownRefresh(async () => {
    await load()
    Taro.stopPullDownRefresh()
  })

  const changes = conventions.diff(id, from, to)
  if (!changes) {
    const failure = conventions.diffError(id, from, to)
    return (
      <Screen requireSignIn>
        <View className='card muted' aria-role='button' onClick={() => void load()}>
          {failure ? `${failure}${C.retry}` : C.loading}
        </View>
      </Screen>
    )
  }
  const count = (kind: ArticleChange['change']) => changes.filter((c) => c.change === kind).length
  const unchanged = count('unchanged')
  const shown = changes.filter((c) => showUnchanged || c.change !== 'unchanged')
  const title = conventions.get(id)?.title
  const entries: PageEntry[] = [
    {
      key: 'head',
      render: () => (
        <View className='card diff__head'>
          {title && <Text className='convention__title'>{title}</Text>}
          <View className='diff__versions'>{C.diffTitle(from, to)}</View>
          <View className='diff__summary'>{unchanged === changes.length ? C.noChanges : C.diffSummary(count('added'), count('removed'), count('changed'), count('renumbered'))}</View>
          {unchanged > 0 && (
            <View className='diff__toggle tap-target' aria-role='button' onClick={() => setShowUnchanged((s) => !s)}>
              {showUnchanged ? C.hideUnchanged : `${C.showUnchanged}（${C.unchangedCount(unchanged)}）`}
            </View>
          )}
        </View>
      ),
    },
    ...shown.map((change) => ({ key: `${change.change}:${change.articleId}`, section: 'changes', render: () => <Change change={change} /> })),
  ]
  return (
    <Screen requireSignIn className='consult diff page--list'>
      <VirtualPage key={showUnchanged ? 'all' : 'changed'} entries={entries} estimatedHeight={220} onRefresh={load} />
    </Screen>
  )
}

/** The text of a before/after pair with only one side's pieces, the changed ones marked. */
function Marked({ pieces, side }: { pieces: Piece[]; side: 'before' | 'after' }) {
  const skip = side === 'before' ? 'added' : 'removed'
  return (
    <Text className='diff__text'>
      {pieces
        .filter((p) => p.kind !== skip)
        .map((p, i) =>
          p.kind === 'same' ? (
            <Text key={i}>{p.text}</Text>
          ) : (
            <Text key={i} className={`diff__mark diff__mark--${p.kind}`}>
              {p.text}
            </Text>
          ),
        )}
    </Text>
  )
}

function Change({ change }: { change: ArticleChange }) {
  const article = change.after ?? change.before!
  const heading = `${C.articleNo(article.number)}${article.title ? ` ${article.title}` : ''}`
  return (
    <View className={`card diff__change diff__change--${change.change}`} data-change={change.change} data-article={change.articleId}>
      <View className='row diff__change-head'>
        <Text className={`diff__badge diff__badge--${change.change}`}>{C.change[change.change]}</Text>
        <Text className='diff__article grow'>{heading}</Text>
      </View>
      {change.change === 'renumbered' && change.before && change.after && <View className='muted'>{C.movedFrom(change.before.number, change.after.number)}</View>}
      {change.change === 'changed' && change.before && change.after && <Changed before={change.before} after={change.after} />}
      {change.change === 'added' && change.after && <Text className='diff__text diff__text--added'>{change.after.text}</Text>}
      {change.change === 'removed' && change.before && <Text className='diff__text diff__text--removed'>{change.before.text}</Text>}
      {(change.change === 'unchanged' || change.change === 'renumbered') && change.after && <Text className='diff__text'>{change.after.text}</Text>}
    </View>
  )
}

function Changed({ before, after }: { before: NonNullable<ArticleChange['before']>; after: NonNullable<ArticleChange['after']> }) {
  const text = charDiff(before.text, after.text)
  const titleChanged = before.title !== after.title
  const title = titleChanged ? charDiff(before.title, after.title) : []
  return (
    <>
      {before.number !== after.number && <View className='muted'>{C.movedFrom(before.number, after.number)}</View>}
      <View className='diff__side diff__side--before'>
        <View className='diff__label'>{C.before}</View>
        {titleChanged && <Marked pieces={title} side='before' />}
        <Marked pieces={text} side='before' />
      </View>
      <View className='diff__side diff__side--after'>
        <View className='diff__label'>{C.after}</View>
        {titleChanged && <Marked pieces={title} side='after' />}
        <Marked pieces={text} side='after' />
      </View>
    </>
  )
}

export default observer(ConventionDiffPage)
