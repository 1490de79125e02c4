import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import type { PersonalDataExport } from '../../../types/domain'
import { FieldError } from '../../components/field-error'
import { ROLE_LABEL } from '../../domain/labels'
import { maskPhone } from '../../domain/text'
import { toast } from '../../navigation'
import { saveJsonFile } from '../../platform/files'
import { formatTime } from '../../platform/time'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import { T } from '../texts'
import '../onboarding.css'
import './index.css'

interface Section {
  key: string
  title: string
  /** "3 件"; absent for a section that is a fact, not a count. */
  count?: string
  lines: string[]
}

/** What is held about me, grouped the way a person thinks of it, each with how many. */
function sectionsOf(d: PersonalDataExport): Section[] {
  const p = d.person
  const home = d.household ? `${d.household.buildingName}${d.household.room}` : p.home ? p.home.room : '未认证住户'
  const signIn = { wechat: '微信登录', demo: '演示账号', 'set-up': '社区开通' }[p.signIn]
  return [
    {
      key: 'person',
      title: '个人信息',
      lines: [
        `姓名：${p.name}`,
        `手机号：${p.phone ? maskPhone(p.phone) : '未填写'}（下载的文件中是完整号码）`,
        `身份：${p.roles.map((r) => ROLE_LABEL[r]).join('、') || '居民'}`,
        `登录方式：${signIn}`,
        `注册时间：${formatTime(p.createdAt)}`,
      ],
    },
    {
      key: 'community',
      title: '社区与住户',
      lines: [`社区：${d.community?.name ?? '尚未加入社区'}`, `住户：${home}`, ...(d.household ? [`同户成员：${d.household.members.length} 人`] : [])],
    },
    { key: 'claims', title: '住户认证申请', count: `${d.claims.length} 条`, lines: [] },
    { key: 'reports', title: '反映的诉求', count: `${d.reports.length} 件`, lines: [] },
    { key: 'steps', title: '办理与评价记录', count: `${d.reportSteps.length} 条`, lines: [] },
    { key: 'meToo', title: '附议', count: `${d.meToo.length} 次`, lines: [] },
    { key: 'messages', title: '留言', count: `${d.messages.length} 条`, lines: [] },
    { key: 'noticesRead', title: '已读的通知', count: `${d.noticesRead.length} 条`, lines: [] },
    { key: 'noticesPublished', title: '发布的通知', count: `${d.noticesPublished.length} 条`, lines: [] },
    { key: 'photos', title: '上传的照片', count: `${d.photos.length} 张`, lines: [] },
    { key: 'sessions', title: '登录记录', count: `${d.sessions.length} 次`, lines: [] },
    { key: 'invites', title: '使用的邀请码', count: `${d.invitesUsed.length} 个`, lines: [] },
  ]
}

/** 我的数据: every record about me (PIPL art. 45), counted, and a download of all of it as JSON. */
function MyDataPage() {
  const { session, membership } = useStores()
  const [saving, setSaving] = useState(false)

  const userId = session.user?.id
  useEffect(() => {
    if (userId) void membership.loadData()
  }, [userId])
  useDidShow(() => {
    if (session.user) void membership.loadData()
  })

  const download = async () => {
    if (!membership.data || saving) return
    setSaving(true)
    const saved = await saveJsonFile(T.dataFile, membership.data)
    setSaving(false)
    if (saved.ok) toast(saved.how === 'downloaded' ? T.downloaded : T.shared, 'success')
    else if (!saved.cancelled) toast(saved.message)
  }

  const data = membership.data
  return (
    <Screen requireSignIn className='onboarding my-data' signInHint='登录后可以查看和下载社区平台保存的您的数据。'>
      <View className='onboarding__hero'>
        <View className='onboarding__title'>{T.dataTitle}</View>
        <View className='muted'>{T.dataIntro}</View>
      </View>
      {membership.dataError && !data && (
        <View className='card'>
          <FieldError field='data' message={membership.dataError} />
          <View className='onboarding__link tap-target' aria-role='button' onClick={() => void membership.loadData()}>
            {T.retry}
          </View>
        </View>
      )}
      {!data && !membership.dataError && <View className='muted'>{T.dataLoading}</View>}
      {data && (
        <>
          {sectionsOf(data).map((s) => (
            <View key={s.key} className='card my-data__section' data-section={s.key}>
              <View className='row'>
                <View className='grow my-data__title'>{s.title}</View>
                {s.count && <View className='my-data__count'>{s.count}</View>}
              </View>
              {s.lines.map((line) => (
                <View key={line} className='muted my-data__line'>
                  {line}
                </View>
              ))}
            </View>
          ))}
          <View className='muted my-data__when'>{T.exportedAt(formatTime(data.exportedAt))}</View>
          <Button aria-role='button' className='my-data__download' type='primary' block size='xlarge' loading={saving} onClick={() => void download()}>
            {saving ? T.downloading : T.download}
          </Button>
          <View className='muted my-data__hint'>{process.env.TARO_ENV === 'weapp' ? T.downloadHintWeapp : T.downloadHintH5}</View>
        </>
      )}
    </Screen>
  )
}

export default observer(MyDataPage)
