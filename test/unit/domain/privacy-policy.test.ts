/**
 * The privacy policy (src/domain/privacy-policy.ts) against what the server really keeps:
 * - the schema of server/db/migrations/*.sql: every column is either named by a policy item or
 *   listed below as holding nothing about a person, and every column an item names exists — so a new
 *   column fails here until someone says which it is;
 * - the account deletion of server/repositories/privacy.ts (ADR 12): what an item says is erased,
 *   renamed to 已注销用户 or kept is what `erasePerson` does;
 * - the lifetimes the code sets: sessions (tokenTtlHours) and the housekeeping sweeps.
 */
import fs from 'fs'
import path from 'path'
import { IDEMPOTENCY_DAYS, ORPHAN_PHOTO_DAYS, PRIVACY_POLICY, SESSION_HOURS, policyColumns, type PolicyItem } from '../../../src/domain/privacy-policy'

const ROOT = path.join(__dirname, '..', '..', '..')
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8')

// ── the schema ────────────────────────────────────────────────────────────────────────────────

/** Constraint lines of a CREATE TABLE, not columns. */
const CONSTRAINT = /^(PRIMARY|UNIQUE|CHECK|FOREIGN|CONSTRAINT|EXCLUDE)\b/i

/** Every table and its columns after all migrations, in order (CREATE, ALTER … ADD/DROP/RENAME, DROP TABLE). */
function schemaOf(files: Array<{ name: string; sql: string }>): Map<string, Set<string>> {
  const tables = new Map<string, Set<string>>()
  const table = (name: string) => {
    const found = tables.get(name)
    if (!found) throw new Error(`a migration alters table ${name}, which no earlier migration creates`)
    return found
  }
  for (const file of [...files].sort((a, b) => a.name.localeCompare(b.name))) {
    const sql = file.sql.replace(/--[^\n]*/g, '')
    // Statements in order, so a later ALTER sees the table an earlier CREATE made.
    for (const statement of sql.split(/;\s*(?:\n|$)/)) {
      const text = statement.trim()
      const create = text.match(/^CREATE TABLE (?:IF NOT EXISTS )?(\w+)\s*\(([\s\S]*)\)$/i)
      if (create) {
        const columns = new Set<string>()
        for (const line of create[2].split('\n')) {
          const def = line.trim().match(/^"?(\w+)"?\s+[A-Za-z]/)
          if (def && !CONSTRAINT.test(line.trim())) columns.add(def[1])
        }
        tables.set(create[1], columns)
        continue
      }
      const drop = text.match(/^DROP TABLE (?:IF EXISTS )?(\w+)/i)
      if (drop) {
        tables.delete(drop[1])
        continue
      }
      const renameTable = text.match(/^ALTER TABLE (?:IF EXISTS )?(\w+) RENAME TO (\w+)$/i)
      if (renameTable) {
        tables.set(renameTable[2], table(renameTable[1]))
        tables.delete(renameTable[1])
        continue
      }
      const alter = text.match(/^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?(\w+)\s+([\s\S]*)$/i)
      if (!alter) continue
      const columns = table(alter[1])
      for (const m of alter[2].matchAll(/ADD COLUMN (?:IF NOT EXISTS )?"?(\w+)"?/gi)) columns.add(m[1])
      for (const m of alter[2].matchAll(/DROP COLUMN (?:IF EXISTS )?"?(\w+)"?/gi)) columns.delete(m[1])
      for (const m of alter[2].matchAll(/RENAME (?:COLUMN )?"?(\w+)"? TO "?(\w+)"?/gi)) {
        columns.delete(m[1])
        columns.add(m[2])
      }
    }
  }
  return tables
}

const MIGRATIONS = 'server/db/migrations'
const schema = schemaOf(
  fs
    .readdirSync(path.join(ROOT, MIGRATIONS))
    .filter((f) => f.endsWith('.sql'))
    .map((name) => ({ name, sql: read(`${MIGRATIONS}/${name}`) })),
)
const allColumns = [...schema].flatMap(([table, columns]) => [...columns].map((c) => `${table}.${c}`))

/**
 * The columns that hold nothing about a person, table by table, and why. A column added to the
 * schema goes either into an item of the policy (src/domain/privacy-policy.ts) or here.
 */
const NOT_PERSONAL: Record<string, { why: string; columns: string[] }> = {
  communities: { why: 'a community: its name, district, codes and counters', columns: ['id', 'name', 'kind', 'district', 'report_prefix', 'report_seq', 'created_at', 'street_id', 'join_code'] },
  streets: { why: 'a street office', columns: ['id', 'name', 'district', 'created_at'] },
  grids: { why: 'the structure of a community', columns: ['id', 'community_id', 'name', 'position'] },
  buildings: { why: 'the structure of a community (the room numbers a building has, not who lives there)', columns: ['id', 'community_id', 'grid_id', 'name', 'rooms', 'position'] },
  departments: { why: 'the structure of a community', columns: ['id', 'community_id', 'name', 'position'] },
  categories: { why: 'what can be reported, with the public emergency numbers', columns: ['id', 'community_id', 'name', 'guidance', 'deadline_hours', 'emergency_phone', 'emergency_message', 'position'] },
  users: { why: 'when an account was deleted: the row holds nothing personal any more', columns: ['deleted_at'] },
  reports: {
    why: "a report's handling state and counters",
    columns: ['id', 'number', 'community_id', 'grid_id', 'category_id', 'category_name', 'status', 'updated_at', 'accepted_at', 'resolved_at', 'deadline_at', 'escalated', 'merged_into_id', 'reopen_count', 'me_too_count', 'version', 'inbox_class'],
  },
  report_events: { why: 'which step a timeline entry is', columns: ['id', 'seq', 'report_id', 'action', 'from_status', 'to_status', 'public', 'community_id'] },
  reply_templates: { why: "staff's ready-made replies", columns: ['id', 'community_id', 'title', 'body', 'position'] },
  messages: { why: 'where a message belongs', columns: ['id', 'seq', 'community_id', 'report_id'] },
  notices: { why: 'a notice staff publish (its author is in the policy)', columns: ['id', 'community_id', 'scope_kind', 'building_ids', 'title', 'body', 'urgent', 'pinned', 'expires_at', 'published_at'] },
  invites: { why: 'an invitation: its code and the role it gives', columns: ['id', 'community_id', 'code', 'role', 'grid_ids', 'building_ids', 'created_at', 'expires_at', 'cancelled_at'] },
  consultation_settings: { why: "a community's rules for proposals", columns: ['community_id', 'proposal_threshold', 'proposal_window_days', 'updated_at'] },
  conventions: { why: 'a convention (its creator is in the policy)', columns: ['id', 'community_id', 'kind', 'building_ids', 'title', 'created_at'] },
  convention_versions: { why: "a convention's published text", columns: ['convention_id', 'version', 'status', 'articles', 'change_note', 'effective_from', 'vote_id', 'created_at'] },
  proposals: {
    why: "a proposal's state, and staff's public answer",
    columns: ['id', 'community_id', 'article_convention_id', 'article_id', 'threshold', 'deadline', 'status', 'answer_kind', 'answer_reason', 'answer_merged_into_id', 'answer_at', 'vote_id', 'responsible'],
  },
  proposal_minutes: { why: 'the minutes staff publish (their writer is in the policy)', columns: ['id', 'proposal_id', 'text', 'at'] },
  proposal_progress: { why: 'the progress staff publish (their writer is in the policy)', columns: ['id', 'proposal_id', 'percent', 'text', 'at'] },
  contributions: { why: 'where a contribution belongs', columns: ['id', 'community_id', 'subject_key', 'parent_id', 'hidden_at'] },
  votes: {
    why: 'a vote staff open (its creator is in the policy)',
    columns: ['id', 'community_id', 'title', 'description', 'kind', 'options', 'scope_kind', 'building_ids', 'quorum_percent', 'majority', 'publicity_days', 'proposal_id', 'convention_id', 'convention_version', 'opens_at', 'closes_at', 'published_at', 'publicity_ends_at', 'created_at'],
  },
  disclosures: { why: 'a disclosure staff publish (its author is in the policy)', columns: ['id', 'community_id', 'category', 'period_year', 'period_month', 'period_quarter', 'title', 'body', 'finance', 'published_at'] },
  services: {
    why: 'a service staff describe (its creator is in the policy)',
    columns: ['id', 'community_id', 'name', 'kind', 'description', 'location', 'provider', 'duration_minutes', 'buffer_minutes', 'capacity', 'eligibility', 'questions', 'requires_confirmation', 'rules', 'hours', 'exceptions', 'status', 'updated_at', 'created_at'],
  },
  booking_slots: { why: 'the lock row of a slot', columns: ['service_id', 'starts_at'] },
  bookings: { why: 'where a booking belongs', columns: ['id', 'community_id'] },
  server_secrets: { why: "the server's own keys (the key that signs photo URLs)", columns: ['name', 'value', 'created_at'] },
  open311_partners: {
    why: "a partner system's key (its sha256 only), its name, its community and its system user (no person: ADR 27)",
    columns: ['id', 'community_id', 'name', 'key_hash', 'user_id', 'created_at', 'revoked_at'],
  },
  jobs: { why: 'reminders and slot jobs: which booking or slot, when, and how they ran', columns: ['id', 'kind', 'key', 'run_at', 'payload', 'attempts', 'status', 'locked_by', 'locked_until', 'last_error', 'created_at', 'done_at'] },
}
const notPersonal = Object.entries(NOT_PERSONAL).flatMap(([table, { columns }]) => columns.map((c) => `${table}.${c}`))

/** Names that always mean a person: never "not personal" (the emergency numbers are public ones). */
const ALWAYS_PERSONAL = /(phone|openid|unionid|(^|_)ip(_|$)|ip_address|(^|_)room$)/
const PUBLIC_DESPITE_NAME = new Set(['categories.emergency_phone'])

const duplicates = (list: string[]) => list.filter((c, i) => list.indexOf(c) !== i)

describe('the schema parser', () => {
  test('follows CREATE, ADD, DROP and RENAME in migration order', () => {
    const tables = schemaOf([
      { name: '0002_more.sql', sql: 'ALTER TABLE people ADD COLUMN phone text, ADD COLUMN age integer;\nALTER TABLE people DROP COLUMN age;\nALTER TABLE people RENAME COLUMN nick TO alias;\nDROP TABLE gone;\nALTER TABLE old RENAME TO young;' },
      {
        name: '0001_init.sql',
        sql: 'CREATE TABLE people (\n  id text PRIMARY KEY,\n  -- a comment: line text\n  nick text NOT NULL,\n  CHECK (nick <> \'\'),\n  PRIMARY KEY (id)\n);\nCREATE TABLE gone (\n  id text\n);\nCREATE TABLE old (\n  x integer\n);',
      },
    ])
    expect([...tables].map(([t, c]) => [t, [...c]])).toEqual([
      ['people', ['id', 'phone', 'alias']],
      ['young', ['x']],
    ])
  })

  test('reads the real migrations: the tables the server keeps people in', () => {
    for (const table of ['users', 'sessions', 'reports', 'photos', 'messages', 'household_claims', 'vote_receipts', 'vote_ballots', 'bookings']) {
      expect(schema.has(table)).toBe(true)
    }
    expect([...schema.get('users')!]).toEqual(expect.arrayContaining(['name', 'phone', 'wechat_openid', 'home_building_id', 'home_room']))
  })
})

describe('the policy names every column that holds personal data', () => {
  test('every column an item names exists in the migrations', () => {
    const missing = (policyColumns() as string[]).filter((c) => !allColumns.includes(c))
    expect(missing).toEqual([])
  })

  test('every column of the schema is in the policy or declared not personal — never both, never twice', () => {
    const named: string[] = policyColumns()
    const uncovered = allColumns.filter((c) => !named.includes(c) && !notPersonal.includes(c))
    // A failure here: put the column into an item of src/domain/privacy-policy.ts (what, why, who, how
    // long, what deleting the account does to it), or into NOT_PERSONAL above if it says nothing about anyone.
    expect(uncovered).toEqual([])
    expect(named.filter((c) => notPersonal.includes(c))).toEqual([])
    expect(duplicates(named)).toEqual([])
    expect(duplicates(notPersonal)).toEqual([])
    expect(notPersonal.filter((c) => !allColumns.includes(c))).toEqual([])
  })

  test('a phone number, WeChat identity, IP address or room is never declared not personal', () => {
    const hidden = notPersonal.filter((c) => ALWAYS_PERSONAL.test(c.split('.')[1]) && !PUBLIC_DESPITE_NAME.has(c))
    expect(hidden).toEqual([])
    // What the issue lists is in the policy: names, phones, households, openid, location, photos,
    // free text, ratings, ballots, bookings, sessions.
    const named: string[] = policyColumns()
    for (const column of [
      'users.name',
      'users.phone',
      'users.wechat_openid',
      'users.home_room',
      'household_claims.phone',
      'reports.location',
      'photos.id',
      'reports.description',
      'messages.body',
      'proposal_ratings.comment',
      'vote_ballots.option_id',
      'vote_receipts.room',
      'bookings.person_id',
      'sessions.token_hash',
    ]) {
      expect(named).toContain(column)
    }
  })

  test('every item says what, why, who, how long and what deletion does, under a key of its own', () => {
    const keys = PRIVACY_POLICY.map((i) => i.key)
    expect(duplicates(keys)).toEqual([])
    for (const item of PRIVACY_POLICY) {
      for (const field of ['title', 'what', 'why', 'who', 'kept', 'afterDeletion'] as const) {
        expect({ key: item.key, field, filled: item[field].trim().length > 0 }).toEqual({ key: item.key, field, filled: true })
      }
      // Kept somewhere other than the database, or in columns of it.
      expect(item.columns.length > 0 || item.retention.kind === 'device' || item.retention.kind === 'log').toBe(true)
    }
  })
})

// ── account deletion (server/repositories/privacy.ts, ADR 12) ───────────────────────────────────

interface EraseEffects {
  /** Tables whose rows of the person go, with the column that names the person. */
  deleted: Map<string, string>
  /** Columns set by an UPDATE: to the anonymous name ($2), or to something else (emptied). */
  renamed: Set<string>
  emptied: Set<string>
}

/** What erasePerson's statement does, read off its SQL. */
function eraseEffects(source: string): EraseEffects {
  const start = source.indexOf('export async function erasePerson')
  if (start < 0) throw new Error('erasePerson not found in server/repositories/privacy.ts')
  const end = source.indexOf('\nexport ', start + 1)
  const sql = source.slice(start, end < 0 ? undefined : end)
  const deleted = new Map<string, string>()
  for (const m of sql.matchAll(/DELETE FROM (\w+) WHERE (\w+) = \$1/g)) deleted.set(m[1], m[2])
  const renamed = new Set<string>()
  const emptied = new Set<string>()
  for (const m of sql.matchAll(/UPDATE (\w+)(?: \w+)? SET\s+([\s\S]*?)\s+WHERE\s/g)) {
    const table = m[1]
    // Assignments start a line or follow a comma: `col = …` up to the next one.
    const body = m[2]
    const starts = [...body.matchAll(/(?:^|,|\n)\s*(\w+) = /g)]
    starts.forEach((s, i) => {
      const value = body.slice(s.index! + s[0].length, i + 1 < starts.length ? starts[i + 1].index : undefined)
      ;(value.includes('$2') ? renamed : emptied).add(`${table}.${s[1]}`)
    })
  }
  return { deleted, renamed, emptied }
}

const erase = eraseEffects(read('server/repositories/privacy.ts'))

describe('what deleting the account does is what erasePerson does (ADR 12)', () => {
  test('the reader finds the statements of the real erasePerson', () => {
    expect(erase.deleted.get('sessions')).toBe('user_id')
    expect(erase.deleted.get('household_claims')).toBe('user_id')
    expect(erase.renamed.has('reports.reporter_name')).toBe(true)
    expect(erase.emptied.has('users.phone')).toBe(true)
    expect(erase.emptied.has('users.wechat_openid')).toBe(true)
  })

  test("an item's erased and renamed columns are its own, and each column is one or the other", () => {
    for (const item of PRIVACY_POLICY) {
      const { erased = [], renamed = [] } = item.deletion
      expect({ key: item.key, strays: [...erased, ...renamed].filter((c) => !item.columns.includes(c)) }).toEqual({ key: item.key, strays: [] })
      expect({ key: item.key, both: erased.filter((c) => renamed.includes(c)) }).toEqual({ key: item.key, both: [] })
    }
  })

  test('erased columns are deleted or emptied, renamed ones become 已注销用户, the rest stay untouched', () => {
    const wrong: string[] = []
    for (const item of PRIVACY_POLICY) {
      const { erased = [], renamed = [] } = item.deletion
      for (const column of item.columns) {
        const [table] = column.split('.')
        const touched = erase.renamed.has(column) || erase.emptied.has(column)
        if (erased.includes(column)) {
          if (!erase.deleted.has(table) && !erase.emptied.has(column)) wrong.push(`${item.key}: ${column} is said to be erased, erasePerson keeps it`)
        } else if (renamed.includes(column)) {
          if (!erase.renamed.has(column)) wrong.push(`${item.key}: ${column} is said to become 已注销用户, erasePerson does not rename it`)
        } else if (touched) {
          wrong.push(`${item.key}: ${column} is said to stay, erasePerson changes it`)
        }
      }
    }
    expect(wrong).toEqual([])
  })

  test("a table erasePerson deletes the person's rows from is erased whole in the item that names them", () => {
    const wrong: string[] = []
    for (const [table, by] of erase.deleted) {
      const owner = PRIVACY_POLICY.find((i) => i.columns.includes(`${table}.${by}`))
      if (!owner) {
        wrong.push(`${table}.${by}: in no item`)
        continue
      }
      for (const column of owner.columns.filter((c) => c.startsWith(`${table}.`))) {
        if (!(owner.deletion.erased ?? []).includes(column)) wrong.push(`${owner.key}: ${column} goes with the row, the item keeps it`)
      }
    }
    expect(wrong).toEqual([])
  })

  test('the words say what the columns do', () => {
    for (const item of PRIVACY_POLICY.filter((i) => i.columns.length > 0)) {
      const { erased = [], renamed = [] } = item.deletion
      const says = item.afterDeletion
      if (erased.length === item.columns.length) expect({ key: item.key, says: says.includes('删除') }).toEqual({ key: item.key, says: true })
      if (renamed.length > 0) expect({ key: item.key, says: says.includes('已注销用户') }).toEqual({ key: item.key, says: true })
      if (erased.length === 0 && renamed.length === 0) expect({ key: item.key, says: /保留/.test(says) }).toEqual({ key: item.key, says: true })
    }
  })
})

// ── lifetimes the code sets ─────────────────────────────────────────────────────────────────────

/** The number in `source` that `pattern`'s group captures (the test fails when the code moved). */
function numberIn(file: string, pattern: RegExp): number {
  const m = read(file).match(pattern)
  if (!m) throw new Error(`${pattern} not found in ${file}`)
  return Number(m[1])
}

const itemsOn = (table: string): PolicyItem[] => PRIVACY_POLICY.filter((i) => i.columns.some((c) => c.startsWith(`${table}.`)))

describe('the lifetimes the policy states are those of the code', () => {
  test('a session lasts tokenTtlHours (720 h by default), on the server and on the demo backend', () => {
    expect(numberIn('server/config.ts', /int\('LINLI_TOKEN_TTL_HOURS', (\d+)/)).toBe(SESSION_HOURS)
    expect(numberIn('server/app.ts', /tokenTtlHours \?\? (\d+)/)).toBe(SESSION_HOURS)
    expect(numberIn('src/core/core.ts', /sessionTtlHours \?\? (\d+)/)).toBe(SESSION_HOURS)
    const sessions = itemsOn('sessions')
    expect(sessions.map((i) => i.retention)).toEqual([{ kind: 'session', hours: SESSION_HOURS }])
    expect(sessions[0].kept).toContain(`${SESSION_HOURS / 24} 天`)
  })

  test('keys against double submission go after idempotencyDays, unused photos after orphanPhotoDays', () => {
    expect(numberIn('server/housekeeping.ts', /this\.options\.idempotencyDays \?\? (\d+)/)).toBe(IDEMPOTENCY_DAYS)
    expect(numberIn('server/housekeeping.ts', /this\.options\.orphanPhotoDays \?\? (\d+)/)).toBe(ORPHAN_PHOTO_DAYS)
    for (const table of ['idempotency_keys', 'write_keys']) {
      expect(itemsOn(table).map((i) => i.retention)).toEqual([{ kind: 'sweep', sweep: 'idempotency', days: IDEMPOTENCY_DAYS }])
    }
    expect(itemsOn('photos').map((i) => i.retention)).toEqual([{ kind: 'sweep', sweep: 'orphan-photos', days: ORPHAN_PHOTO_DAYS }])
    for (const item of PRIVACY_POLICY) {
      if (item.retention.kind === 'sweep') expect(item.kept).toContain(`${item.retention.days} 天`)
    }
  })

  test('every table a housekeeping sweep deletes from is either not personal or has the sweep in its item', () => {
    const swept = [...read('server/repositories/housekeeping.ts').matchAll(/DELETE FROM (\w+)/g)].map((m) => m[1])
    expect(swept).toEqual(expect.arrayContaining(['sessions', 'idempotency_keys', 'write_keys', 'photos']))
    const kinds = new Set(['session', 'sweep'])
    for (const table of new Set(swept)) {
      for (const item of itemsOn(table)) {
        expect({ table, item: item.key, swept: kinds.has(item.retention.kind) }).toEqual({ table, item: item.key, swept: true })
      }
    }
  })
})
