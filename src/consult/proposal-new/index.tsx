// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { Input, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { FieldError } from '../../components/field-error'
import { PhotoGrid } from '../../components/photo-grid'
import { PROPOSAL_LIMITS } from '../../domain/consultation/proposals'
import { textLength } from '../../domain/text'
import { confirm, go, replaceWithToast, ROUTES, scrollToFirstError, toast } from '../../navigation'
import { previewPhotos } from '../../platform/media'
import { pickPhotosSaying } from '../../ui/photo-pick'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import { PR } from '../texts-proposals'
import '../proposals.css'

/** A tappable text reached by the keyboard on H5 (WeChat ignores it). */
const KEYBOARD = { tabIndex: 0 } as object

const SIMILAR_DELAY_MS = 600

/**
 * 提议题: title, text, photos, and (opened from a convention article) the wording proposed. The draft
 * is kept on every keystroke; similar open proposals are offered as it is typed.
 */
function NewProposalPage() {
  const { params } = useRouter()
  const conventionId = params.conventionId ? decodeURIComponent(params.conventionId) : undefined
  const articleId = params.articleId ? decodeURIComponent(params.articleId) : undefined
  const article = conventionId && articleId ? { conventionId, articleId } : undefined
  const { proposals: store, session } = useStores()
  const userId = session.user?.id

  useEffect(() => {
    if (!userId) return
    store.openDraft(userId, article)
    if (article) void store.loadArticle(article.conventionId, article.articleId)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [userId, conventionId, articleId])

  const d = store.draft
  // 类似的议题: asked a moment after the typing stops (the latest request wins).
  const probe = `${d.title} ${d.body}`.trim()
  useEffect(() => {
    if (!userId) return undefined
    const timer = setTimeout(() => void store.findSimilar(probe), SIMILAR_DELAY_MS)
    return () => clearTimeout(timer)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [probe, userId])

  if (session.status === 'signed_in' && !session.user?.home) {
    return (
      <Screen requireSignIn>
        <View className='card muted proposal-new__refused'>{PR.notVerified}</View>
      </Screen>
    )
  }

  const errors = store.visibleDraftErrors
  const inForce = article ? store.articles.get(`${article.conventionId}:${article.articleId}`) : undefined

  const addPhotos = async () => {
    store.addPhotos(await pickPhotosSaying(store.photosLeft, PROPOSAL_LIMITS.photosMax))
  }
  const submit = async () => {
    const outcome = await store.propose()
    if (outcome.ok) {
      replaceWithToast(ROUTES.proposal(outcome.proposal.id), PR.submitted, 'success')
      return
    }
    toast(Object.keys(outcome.fields).length ? PR.fixErrors : outcome.message)
    scrollToFirstError()
  }
  const discard = async () => {
    if (await confirm(PR.discardConfirm)) store.discardDraft()
  }

  return (
    <Screen requireSignIn className='proposal-new'>
      {article && (
        <View className='card'>
          <View className='section-title'>{PR.currentText}</View>
          {inForce ? (
            <>
              <View className='proposal__label'>
                {PR.articleOf(inForce.conventionTitle, inForce.number)}
                {inForce.title ? ` ${inForce.title}` : ''}
              </View>
              <View className='proposal__quote proposal-new__current'>{inForce.text}</View>
            </>
          ) : (
            <View className='muted'>{PR.loading}</View>
          )}
          <View className='section-title proposal-new__gap'>{PR.proposedLabel}</View>
          <TextArea
            className='cp-field proposal-new__proposed'
            value={d.article?.proposedText ?? ''}
            placeholder={PR.proposedPlaceholder}
            maxLength={-1}
            autoSize
            onChange={(v) => store.setProposedText(v)}
            onBlur={() => store.touch('proposedText')}
          />
          <FieldError field='article.proposedText' message={errors['article.proposedText'] ?? errors.article} />
        </View>
      )}

      <View className='card'>
        <View className='section-title'>{PR.titleLabel}</View>
        <Input
          className='cp-field cp-input proposal-new__title'
          value={d.title}
          placeholder={PR.titlePlaceholder}
          maxlength={PROPOSAL_LIMITS.titleMax + 10}
          onInput={(e) => store.setTitle(e.detail.value)}
          onBlur={() => store.touch('title')}
        />
        <View className='cp-count'>
          {textLength(d.title.trim())}/{PROPOSAL_LIMITS.titleMax}
        </View>
        <FieldError field='title' message={errors.title} />
        <View className='section-title proposal-new__gap'>{PR.bodyLabel}</View>
        <TextArea
          className='cp-field proposal-new__body'
          value={d.body}
          placeholder={PR.bodyPlaceholder}
          maxLength={-1}
          autoSize
          onChange={(v) => store.setBody(v)}
          onBlur={() => store.touch('body')}
        />
        <View className='cp-count'>
          {textLength(d.body.trim())}/{PROPOSAL_LIMITS.bodyMax}
        </View>
        <FieldError field='body' message={errors.body} />
      </View>

      {store.similar.length > 0 && (
        <View className='card proposal-new__similar'>
          <View className='section-title'>{PR.similarTitle}</View>
          {store.similar.map((s) => (
            <View {...KEYBOARD} key={s.id} className='cp-option tap-target' data-similar={s.id} aria-role='link' onClick={() => go(ROUTES.proposal(s.id))}>
              <View className='cp-option__title'>{s.title}</View>
              <View className='muted'>{PR.cosignsOf(s.cosigns, s.threshold)}</View>
            </View>
          ))}
        </View>
      )}

      <View className='card'>
        <View className='section-title'>{PR.photos}</View>
        <PhotoGrid
          urls={d.photos.map((p) => p.path)}
          onAdd={() => void addPhotos()}
          onRemove={(i) => store.removePhoto(i)}
          onPreview={(i) => previewPhotos(d.photos.map((p) => p.path), i)}
          max={PROPOSAL_LIMITS.photosMax}
        />
        <FieldError field='photoIds' message={errors.photoIds} />
      </View>

      {store.hasContent && <View className='muted cp-center'>{PR.draftSaved}</View>}
      <Button className='proposal-new__submit' type='primary' block size='xlarge' loading={store.busy === 'propose'} onClick={() => void submit()}>
        {store.busy === 'propose' ? PR.submitting : PR.submit}
      </Button>
      {store.hasContent && store.busy !== 'propose' && (
        <View {...KEYBOARD} className='cp-link tap-target proposal-new__discard' onClick={() => void discard()}>
          {PR.discard}
        </View>
      )}
    </Screen>
  )
}

export default observer(NewProposalPage)
