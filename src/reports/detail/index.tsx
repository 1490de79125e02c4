import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { PhotoGrid } from '../../components/photo-grid'
import { StatusBadge } from '../../components/status-badge'
import { Timeline } from '../../components/timeline'
import { isOverdue } from '../../domain/deadline'
import { RATING_LABEL } from '../../domain/labels'
import { go, ROUTES } from '../../navigation'
import { previewPhotos } from '../../platform/media'
import { deadlineText, formatTime } from '../../platform/time'
import { useStores } from '../../stores/context'
import { ThreadView } from '../../ui/thread-view'
import { THREAD } from '../../ui/texts'
import { timelineItems } from '../../ui/timeline-items'
import { reportThreadId } from '../../domain/messages'
import { Screen } from '../../ui/screen'
import { T } from '../texts'
import './index.css'

function ReportDetailPage() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const { reportDetails, ui, session, directory } = useStores()
  useDidShow(() => {
    if (id) void reportDetails.load(id)
  })
  usePullDownRefresh(async () => {
    await reportDetails.load(id)
    Taro.stopPullDownRefresh()
  })

  const detail = reportDetails.get(id)
  const error = reportDetails.errors.get(id)
  if (!detail) {
    return (
      <Screen requireSignIn>
        <View className='card muted'>{error ?? '正在加载…'}</View>
      </Screen>
    )
  }

  const { report, timeline, allowedActions } = detail
  const now = ui.now // relative times move on while the page is open
  const items = timelineItems(timeline, now)
  const photoUrls = report.photos.map((p) => p.url).filter(Boolean)
  const place = report.location.kind === 'point' ? `${report.location.name} ${report.location.address}`.trim() : report.location.address
  const open = !['resolved', 'closed', 'rejected', 'merged'].includes(report.status)

  return (
    <Screen requireSignIn className='report-detail'>
      <View className='card'>
        <View className='row'>
          <View className='report-detail__category grow'>{report.categoryName}</View>
          <StatusBadge status={report.status} />
        </View>
        <View className='muted'>
          {report.number} · {formatTime(report.createdAt, now)}
          {report.anonymous ? ' · 已对其他居民匿名' : ''}
        </View>
        <View className='report-detail__text'>{report.description}</View>
        {photoUrls.length > 0 && <PhotoGrid urls={photoUrls} onPreview={(i) => previewPhotos(photoUrls, i)} />}
        <View className='report-detail__place'>位置：{place}</View>
        {open && (
          <View className={isOverdue(report, now) ? 'report-detail__deadline--over' : 'muted'}>
            承诺办结时限：{formatTime(report.deadlineAt, now)}（{deadlineText(report.deadlineAt, now)}）
          </View>
        )}
        {report.assignee && <View className='muted'>处置：{report.assignee.name}</View>}
        {report.filedBy && (
          <View className='muted report-detail__filed'>
            {T.filedFor(
              report.filedBy.name,
              report.beneficiary
                ? `${directory.directory?.buildings.find((b) => b.id === report.beneficiary!.buildingId)?.name ?? ''}${report.beneficiary.room}${report.beneficiary.name ? ` ${report.beneficiary.name}` : ''}`
                : '',
            )}
          </View>
        )}
        {report.rating && (
          <View className={`report-detail__rating report-detail__rating--${report.rating.level}`}>
            我的评价：{RATING_LABEL[report.rating.level]}
            {report.rating.comment ? `，${report.rating.comment}` : ''}
          </View>
        )}
      </View>

      {allowedActions.includes('rate') && (
        <View className='card report-detail__rate'>
          <View className='section-title'>问题已办结，请您评价</View>
          <View className='muted'>如果问题没有解决，请选择“不满意”，社区会重新办理。</View>
          <Button className='report-detail__rate-btn' type='primary' block size='large' onClick={() => go(ROUTES.rateReport(report.id))}>
            评价办理结果
          </Button>
        </View>
      )}

      <View className='card'>
        <View className='section-title'>办理进度</View>
        {process.env.TARO_ENV === 'weapp' ? (
          <status-timeline events={items} elder={ui.elderMode} onPhototap={(e) => previewPhotos([e.detail.url], 0)} />
        ) : (
          <Timeline items={items} elder={ui.elderMode} onPhotoTap={(_id, url) => previewPhotos([url], 0)} />
        )}
      </View>

      {session.isHandler && (
        <View className='card report-detail__handle tap-target' onClick={() => go(ROUTES.handleReport(report.id))}>
          {T.handleIt}
        </View>
      )}

      <ThreadView threadId={reportThreadId(report.id)} title={THREAD.reportThread} hint={THREAD.reportThreadHint} />
    </Screen>
  )
}

export default observer(ReportDetailPage)
