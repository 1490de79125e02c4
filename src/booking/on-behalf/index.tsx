// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { FieldError } from '../../components/field-error'
import { OptionList } from '../../components/option-list'
import { KIND_LABEL } from '../../domain/booking/when'
import { go, ROUTES, toast } from '../../navigation'
import { householdKey } from '../../stores/booking-desk-store'
import { useStores } from '../../stores/context'
import { HouseholdPicker, type HouseholdChoice } from '../household-picker'
import { Act, StaffScreen, useSignedInLoad } from '../staff-parts'
import { ST } from '../staff-texts'
import '../staff.css'

/**
 * 代约: a resident phones or walks in. Staff find their household (building, room), pick the
 * person among its verified members, then a service; its calendar books for that person.
 */
function OnBehalfPage() {
  const { bookingDesk: desk } = useStores()
  const [home, setHome] = useState<HouseholdChoice>({})
  const [userId, setUserId] = useState<string | undefined>()
  useSignedInLoad(() => void desk.loadServices())

  const pick = (next: HouseholdChoice) => {
    setHome(next)
    setUserId(undefined)
    void desk.findResidents(next.buildingId ?? '', next.room ?? '')
  }
  // Only the members of the household on screen (an earlier pick's late answer is not theirs).
  const shownFor = home.buildingId && home.room ? householdKey(home.buildingId, home.room) : null
  const residents = shownFor && desk.residentsFor === shownFor ? desk.residents : null
  const person = residents?.find((r) => r.userId === userId)
  const open = (serviceId: string) => {
    if (!userId) return toast('请先选择为谁预约')
    go(ROUTES.service(serviceId, { forUserId: userId }))
  }
  return (
    <StaffScreen className='sb-behalf'>
      <View className='card muted'>居民来电或到社区时，可以替他预约。预约成功后居民会收到通知，也能在“我的预约”里看到。</View>
      <View className='card'>
        <View className='section-title'>1. 找到住户</View>
        <HouseholdPicker value={home} onChange={pick} />
      </View>
      {home.room && (
        <View className='card'>
          <View className='section-title'>2. 为谁预约</View>
          {desk.residentsLoading && <View className='muted'>{ST.loading}</View>}
          <FieldError field='forUserId' message={desk.residentsError ?? undefined} />
          {residents && (
            <OptionList
              name='resident'
              options={residents.map((r) => ({ value: r.userId, label: r.name, hint: r.phoneMasked }))}
              selected={userId}
              onSelect={setUserId}
              empty='该户还没有已认证的家庭成员，请居民先在“我的家庭”申请认证，审核通过后即可代约'
            />
          )}
        </View>
      )}
      {person && (
        <View className='card'>
          <View className='section-title'>3. 选择服务（为 {person.name} 预约）</View>
          {desk.published.map((s) => (
            <View key={s.id} className='row sb-service-row tap-target' aria-role='button' data-service={s.id} onClick={() => open(s.id)}>
              <View className='grow'>
                <View className='sb-service-row__name'>{s.name}</View>
                <View className='muted'>{KIND_LABEL[s.kind]}</View>
              </View>
              <View className='sb-link'>选时段 ›</View>
            </View>
          ))}
          {desk.servicesLoaded && desk.published.length === 0 && <View className='muted'>{ST.noServices}</View>}
          {desk.servicesError && (
            <Act name='retry' onTap={() => void desk.loadServices()}>
              {desk.servicesError}
              {ST.retry}
            </Act>
          )}
        </View>
      )}
    </StaffScreen>
  )
}

export default observer(OnBehalfPage)
