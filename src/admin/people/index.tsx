// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import type { Member, Role } from '../../../types/domain'
import { canManagePeople } from '../../domain/membership'
import { confirm, go, ROUTES, toast } from '../../navigation'
import { useStores } from '../../stores/context'
import { roleKey } from '../../stores/people-store'
import { Screen } from '../../ui/screen'
import { VirtualPage, type PageEntry } from '../../ui/virtual-page'
import { roleWithScope } from '../scope'
import { A } from '../texts'
import '../admin.css'
import './index.css'

/** Roles shown with a 取消 each; a resident is one by living here, not by a role given. */
const SERVING: readonly Role[] = ['admin', 'staff', 'grid_worker', 'building_leader']

const PeopleHead = observer(function PeopleHead() {
  const { people } = useStores()
  return (
    <View className='people__head'>
      <View className='card muted admin__intro'>{A.peopleIntro}</View>
      <Button className='people__invite' type='primary' fill='outline' block size='large' onClick={() => go(ROUTES.invites)}>
        {A.toInvites}
      </Button>
      {people.error && (
        <View className='card field-error admin__error tap-target' aria-role='alert' onClick={() => void people.load()}>
          {people.error}
          {A.retry}
        </View>
      )}
      {!people.loaded && people.loading && <View className='card muted'>{A.loading}</View>}
      {people.loaded && <View className='section-title people__count'>{A.peopleCount(people.members.length)}</View>}
      {people.loaded && people.members.length === 0 && <View className='card muted'>{A.peopleEmpty}</View>}
    </View>
  )
})

/** One person: name, phone, where they live, and each role they hold with its scope and 取消. */
const MemberEntry = observer(function MemberEntry({ member }: { member: Member }) {
  const { people, directory } = useStores()
  const place = { grids: directory.directory?.grids ?? [], buildings: directory.directory?.buildings ?? [] }
  const home = member.home && place.buildings.find((b) => b.id === member.home!.buildingId)
  const roles = member.roles.filter((r) => SERVING.includes(r))
  const revoke = async (role: Role) => {
    const label = A.role[role]
    if (!(await confirm(A.revokeAsk(member.name, label)))) return
    if (await people.revoke(member.id, role)) toast(A.revoked(member.name, label), 'success')
  }
  return (
    <View className='card people__member' data-member={member.id}>
      <View className='people__name'>{member.name}</View>
      <View className='muted'>
        {member.phoneMasked}
        {home ? ` · ${home.name}${member.home!.room}` : ''}
      </View>
      {roles.map((role) => {
        const key = roleKey(member.id, role)
        return (
          <View key={role} className='people__role' data-role={role}>
            <View className='row people__role-row'>
              <View className='grow people__role-chip'>{roleWithScope(role, { gridIds: member.gridIds, buildingIds: member.leadsBuildingIds }, place)}</View>
              <Button className='people__revoke' type='default' size='large' loading={people.busyKey === key} disabled={people.busyKey !== null && people.busyKey !== key} onClick={() => void revoke(role)}>
                {A.revokeButton}
              </Button>
            </View>
            {people.rowErrors[key] && (
              <View className='field-error' data-field='role' aria-role='alert'>
                {people.rowErrors[key]}
              </View>
            )}
          </View>
        )
      })}
    </View>
  )
})

/** 人员与角色: who serves the community, in which role and where; a role taken away at once. */
function PeoplePage() {
  const { session, people } = useStores()
  const signedIn = session.status === 'signed_in'
  const allowed = session.user ? canManagePeople(session.user) : false
  useEffect(() => {
    if (signedIn && allowed) void people.load()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn, allowed])
  useDidShow(() => {
    if (signedIn && allowed && people.loaded) void people.load()
  })
  usePullDownRefresh(async () => {
    if (allowed) await people.load()
    Taro.stopPullDownRefresh()
  })

  if (signedIn && (!allowed || !people.available)) {
    return (
      <Screen requireSignIn>
        <View className='card muted admin__denied'>{people.available ? A.peopleOnly : A.notAvailable}</View>
      </Screen>
    )
  }
  const entries: PageEntry[] = [{ key: 'head', render: () => <PeopleHead /> }]
  for (const m of people.members) entries.push({ key: m.id, render: () => <MemberEntry member={m} /> })
  return (
    <Screen requireSignIn className='people page--list'>
      <VirtualPage entries={entries} estimatedHeight={220} onRefresh={people.load} />
    </Screen>
  )
}

export default observer(PeoplePage)
