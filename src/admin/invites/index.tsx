// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { Button } from '@nutui/nutui-react-taro'
import { Image, Input, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import type { Invite, InvitedRole } from '../../../types/domain'
import { Chips } from '../../components/chips'
import { FieldError } from '../../components/field-error'
import { actorOf } from '../../domain/actor'
import { canManagePeople, invitableRoles } from '../../domain/membership'
import { confirm, toast } from '../../navigation'
import { formatTime } from '../../platform/time'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import { VirtualPage, type PageEntry } from '../../ui/virtual-page'
import { groupedCode, roleWithScope } from '../scope'
import { A } from '../texts'
import '../admin.css'
import './index.css'

async function copy(text: string, done: string): Promise<void> {
  try {
    await Taro.setClipboardData({ data: text })
    toast(done, 'success')
  } catch {
    toast(A.copyFailed)
  }
}

/** The form: which role, where (grids or buildings), for whom, how long. */
const InviteForm = observer(function InviteForm() {
  const { session, invites, directory } = useStores()
  const user = session.user
  if (!user) return null
  const actor = actorOf(user)
  const place = { grids: directory.directory?.grids ?? [], buildings: directory.directory?.buildings ?? [] }
  const draft = invites.draft
  const refusal = invites.refusal(actor, place)
  // Messages appear once sending was tried; what is typed (the note) is checked as it is typed.
  const shown = refusal && (invites.tried || refusal.field === 'note') ? refusal : null
  const at = (field: string) => (shown && (shown.field ?? 'form') === field ? shown.message : undefined)
  return (
    <View className='card invites__form'>
      <View className='section-title'>{A.newInvite}</View>
      <View className='admin__label'>{A.inviteRole}</View>
      <Chips
        name='role'
        options={invitableRoles(actor).map((r) => ({ value: r, label: A.inviteRoleNames[r] }))}
        selected={[draft.role]}
        onTap={(v) => invites.setRole(v as InvitedRole)}
      />
      <FieldError field='role' message={at('form')} />
      {draft.role === 'grid_worker' && (
        <>
          <View className='admin__label'>{A.inviteGrids}</View>
          <Chips name='grids' multiple options={place.grids.map((g) => ({ value: g.id, label: g.name }))} selected={draft.gridIds} onTap={invites.toggleGrid} />
          <FieldError field='gridIds' message={at('gridIds')} />
        </>
      )}
      {draft.role === 'building_leader' && (
        <>
          <View className='admin__label'>{A.inviteBuildings}</View>
          <Chips name='buildings' multiple options={place.buildings.map((b) => ({ value: b.id, label: b.name }))} selected={draft.buildingIds} onTap={invites.toggleBuilding} />
          <FieldError field='buildingIds' message={at('buildingIds')} />
        </>
      )}
      <View className='admin__label'>{A.inviteNote}</View>
      <Input className='admin__input invites__note' value={draft.note} placeholder={A.inviteNotePlaceholder} maxlength={60} onInput={(e) => invites.setNote(e.detail.value)} />
      <FieldError field='note' message={at('note')} />
      <View className='admin__label'>{A.inviteExpiry}</View>
      <Chips name='expiry' options={A.expiries} selected={[String(draft.expiresInHours)]} onTap={(v) => invites.setExpiry(Number(v))} />
      <FieldError field='expiresInHours' message={at('expiresInHours')} />
      <FieldError field='send' message={invites.sendError ?? undefined} />
      <Button className='invites__submit' type='primary' block size='xlarge' loading={invites.sending} onClick={() => void invites.create(actor, place)}>
        {A.createInvite}
      </Button>
    </View>
  )
})

/** The invite just made: its code, large and grouped, a copy button, its mini-program code. */
const CreatedInvite = observer(function CreatedInvite() {
  const { invites, directory, ui } = useStores()
  const created = invites.created
  if (!created) return null
  const { invite } = created
  const place = { grids: directory.directory?.grids ?? [], buildings: directory.directory?.buildings ?? [] }
  return (
    <View className='card invites__created'>
      <View className='section-title'>{A.inviteCreated}</View>
      <View className='invites__for'>{A.inviteFor(roleWithScope(invite.role, invite, place), invite.note)}</View>
      <View className='admin__code invites__code' data-code={invite.code} aria-label={invite.code.split('').join(' ')}>
        {groupedCode(invite.code)}
      </View>
      <View className='muted invites__until'>{A.validUntil(formatTime(invite.expiresAt, ui.now))}</View>
      <Button className='invites__copy' type='primary' block size='large' onClick={() => void copy(invite.code, A.copied)}>
        {A.copy}
      </Button>
      {created.qr ? (
        <>
          <Image className='admin__qr invites__qr' src={created.qr} mode='aspectFit' aria-label={A.qrAlt} />
          <View className='muted invites__qr-hint'>{A.qrHint}</View>
        </>
      ) : (
        <View className='muted invites__no-qr'>{created.qrUnavailable ? A.noQr : A.qrLoading}</View>
      )}
      <Button className='invites__another' type='default' block size='large' onClick={invites.dismissCreated}>
        {A.anotherInvite}
      </Button>
    </View>
  )
})

const InvitesHead = observer(function InvitesHead() {
  const { invites } = useStores()
  return (
    <View className='invites__head'>
      {invites.created ? <CreatedInvite /> : <InviteForm />}
      <View className='section-title invites__list-title'>{A.invitesList}</View>
      {invites.error && (
        <View className='card field-error admin__error tap-target' aria-role='alert' onClick={() => void invites.load()}>
          {invites.error}
          {A.retry}
        </View>
      )}
      {!invites.loaded && invites.loading && <View className='card muted'>{A.loading}</View>}
      {invites.loaded && invites.invites.length === 0 && <View className='card muted invites__empty'>{A.invitesEmpty}</View>}
    </View>
  )
})

/** One invite: for whom, where it stands, who used it; 撤销 while it is open. */
const InviteEntry = observer(function InviteEntry({ invite }: { invite: Invite }) {
  const { invites, directory, ui } = useStores()
  const place = { grids: directory.directory?.grids ?? [], buildings: directory.directory?.buildings ?? [] }
  const open = invite.status === 'open'
  const cancel = async () => {
    if (!(await confirm(A.cancelAsk))) return
    if (await invites.cancel(invite.id)) toast(A.cancelled, 'success')
  }
  return (
    <View className='card invites__row' data-invite={invite.id} data-status={invite.status}>
      <View className='row'>
        <View className='grow invites__role'>{roleWithScope(invite.role, invite, place)}</View>
        <View className={`admin__badge admin__badge--${invite.status}`}>{A.inviteStatus[invite.status]}</View>
      </View>
      {invite.note && <View className='invites__row-note'>{invite.note}</View>}
      {open && <View className='invites__row-code'>{groupedCode(invite.code)}</View>}
      {invite.status === 'used' && invite.usedByName && <View className='invites__used'>{A.usedBy(invite.usedByName)}</View>}
      <View className='muted'>{A.createdBy(invite.createdByName, formatTime(invite.createdAt, ui.now))}</View>
      {open && <View className='muted'>{A.validUntil(formatTime(invite.expiresAt, ui.now))}</View>}
      {invites.rowErrors[invite.id] && (
        <View className='field-error' data-field='invite' aria-role='alert'>
          {invites.rowErrors[invite.id]}
        </View>
      )}
      {open && (
        <View className='row admin__buttons'>
          <Button className='invites__copy-row grow' type='default' size='large' onClick={() => void copy(invite.code, A.copied)}>
            {A.copyShort}
          </Button>
          <Button className='invites__cancel grow' type='default' size='large' loading={invites.busyId === invite.id} onClick={() => void cancel()}>
            {A.cancelInvite}
          </Button>
        </View>
      )}
    </View>
  )
})

/** 邀请成员: make an invite for a role (only those the person may give), and the invites made. */
function InvitesPage() {
  const { session, invites } = useStores()
  const signedIn = session.status === 'signed_in'
  const allowed = session.user ? canManagePeople(session.user) : false
  useEffect(() => {
    if (signedIn && allowed && session.user) {
      invites.start(session.user)
      void invites.load()
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn, allowed])
  useDidShow(() => {
    if (signedIn && allowed && invites.loaded) void invites.load()
  })
  usePullDownRefresh(async () => {
    if (allowed) await invites.load()
    Taro.stopPullDownRefresh()
  })

  if (signedIn && (!allowed || !invites.available)) {
    return (
      <Screen requireSignIn>
        <View className='card muted admin__denied'>{invites.available ? A.invitesOnly : A.notAvailable}</View>
      </Screen>
    )
  }
  const entries: PageEntry[] = [{ key: 'head', render: () => <InvitesHead /> }]
  for (const i of invites.invites) entries.push({ key: i.id, render: () => <InviteEntry invite={i} /> })
  return (
    <Screen requireSignIn className='invites page--list'>
      <VirtualPage entries={entries} estimatedHeight={260} onRefresh={invites.load} />
    </Screen>
  )
}

export default observer(InvitesPage)
