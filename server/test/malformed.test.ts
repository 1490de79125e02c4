import type { InjectOptions } from 'fastify'
import { photoFile, png } from './support/images'
import { DEMO, expectError, newKey, startWorld, validReport, type Headers, type World } from './support/world'

/**
 * Bad input of every kind is a 4xx with the typed body `{ error: { kind, message, fields? } }` and
 * per-field Chinese messages — never a 500, never a silently ignored field.
 */

let world: World
let resident: Headers
let staff: Headers
let reportId: string
beforeAll(async () => {
  world = await startWorld({ rateLimits: { submit: { max: 10_000, timeWindowMs: 60_000 } } })
  resident = await world.as(DEMO.owner)
  staff = await world.as(DEMO.staff)
  reportId = await world.file(resident)
})
afterAll(() => world.close())

interface Case {
  name: string
  request: () => InjectOptions
  status: number
  kind?: string
  fields?: string[]
}

const json = { 'content-type': 'application/json' }
const submit = (payload: unknown, extraHeaders: Headers = {}): InjectOptions => ({
  method: 'POST',
  url: '/api/v1/reports',
  headers: { ...resident, 'idempotency-key': newKey(), ...extraHeaders },
  payload: payload as InjectOptions['payload'],
})
const raw = (body: string, contentType = 'application/json'): InjectOptions => ({
  method: 'POST',
  url: '/api/v1/reports',
  headers: { ...resident, 'idempotency-key': newKey(), 'content-type': contentType },
  payload: body,
})
const moveOn = (move: string, payload: unknown): InjectOptions => ({
  method: 'POST',
  url: `/api/v1/reports/${reportId}/actions/${move}`,
  headers: staff,
  payload: payload as InjectOptions['payload'],
})
const get = (url: string, headers: Headers = resident): InjectOptions => ({ url, headers })
const message = (payload: unknown): InjectOptions => ({
  method: 'POST',
  url: `/api/v1/reports/${reportId}/messages`,
  headers: resident,
  payload: payload as InjectOptions['payload'],
})
const notice = (over: Record<string, unknown> = {}) => ({ title: '停水通知', body: '本周六停水，请提前储水。', scope: { kind: 'community' }, urgent: false, pinned: false, ...over })
const publish = (payload: unknown): InjectOptions => ({ method: 'POST', url: '/api/v1/notices', headers: staff, payload: payload as InjectOptions['payload'] })
const onBehalf = (payload: unknown): InjectOptions => ({
  method: 'POST',
  url: '/api/v1/reports/on-behalf',
  headers: { ...staff, 'idempotency-key': newKey() },
  payload: payload as InjectOptions['payload'],
})
const RANGE = `from=${encodeURIComponent('2026-11-01T00:00:00.000Z')}&to=${encodeURIComponent('2026-11-21T00:00:00.000Z')}`

const CASES: Case[] = [
  // ── body syntax and content types
  { name: 'broken JSON', request: () => raw('{"categoryId": "cat-road",'), status: 400 },
  { name: 'an empty JSON body', request: () => raw(''), status: 400, fields: ['body'] },
  { name: 'JSON null', request: () => raw('null'), status: 400, fields: ['body'] },
  { name: 'a JSON array', request: () => raw('[1,2,3]'), status: 400, fields: ['body'] },
  { name: 'a JSON string', request: () => raw('"a report"'), status: 400, fields: ['body'] },
  { name: 'prototype pollution', request: () => raw('{"__proto__": {"admin": true}}'), status: 400 },
  { name: 'text/plain', request: () => raw('a report', 'text/plain'), status: 415 },
  { name: 'a form post', request: () => raw('categoryId=cat-road', 'application/x-www-form-urlencoded'), status: 415 },
  { name: 'XML', request: () => raw('<report/>', 'application/xml'), status: 415 },
  {
    name: 'multipart to a JSON route',
    request: () => ({ method: 'POST', url: '/api/v1/reports', headers: { ...resident, 'idempotency-key': newKey(), ...photoFile(png()).headers }, payload: Buffer.from('--x--') }),
    status: 415,
  },
  { name: 'a body over 256 KB', request: () => submit({ ...validReport(), description: 'x'.repeat(300 * 1024) }), status: 413 },
  // ── missing fields, wrong types, huge strings
  { name: 'an empty object', request: () => submit({}), status: 400, fields: ['categoryId', 'description', 'photoIds', 'location', 'anonymous'] },
  { name: 'a missing description', request: () => submit({ ...validReport(), description: undefined }), status: 400, fields: ['description'] },
  {
    name: 'wrong types',
    request: () => submit({ categoryId: 5, description: ['a'], photoIds: 'p_1', location: 'here', anonymous: 'yes' }),
    status: 400,
    fields: ['categoryId', 'description', 'photoIds', 'location', 'anonymous'],
  },
  { name: 'anonymous as the string "true" (no coercion)', request: () => submit({ ...validReport(), anonymous: 'true' }), status: 400, fields: ['anonymous'] },
  { name: 'a 2001-character description', request: () => submit(validReport({ description: '坑'.repeat(2001) })), status: 400, fields: ['description'] },
  { name: 'a 501-character description (the domain’s limit)', request: () => submit(validReport({ description: '坑'.repeat(501) })), status: 422, fields: ['description'] },
  { name: 'a 65-character category id', request: () => submit(validReport({ categoryId: 'c'.repeat(65) })), status: 400, fields: ['categoryId'] },
  { name: '21 photo ids', request: () => submit(validReport({ photoIds: Array.from({ length: 21 }, (_, i) => `p_${i}`) })), status: 400, fields: ['photoIds'] },
  { name: 'a photo id that is a number', request: () => submit({ ...validReport(), photoIds: [42] }), status: 400, fields: ['photoIds'] },
  { name: 'a location of an unknown kind', request: () => submit({ ...validReport(), location: { kind: 'gps', address: 'x' } }), status: 400, fields: ['location'] },
  {
    name: 'a latitude out of range',
    request: () => submit({ ...validReport(), location: { kind: 'point', latitude: 91, longitude: 120, name: 'x', address: 'y' } }),
    status: 400,
    fields: ['location'],
  },
  {
    name: 'a latitude as text',
    request: () => submit({ ...validReport(), location: { kind: 'point', latitude: '31.5', longitude: 120, name: 'x', address: 'y' } }),
    status: 400,
    fields: ['location'],
  },
  { name: 'an extra field inside location', request: () => submit({ ...validReport(), location: { kind: 'text', address: '南门口', gridId: 'g-1' } }), status: 400, fields: ['location'] },
  // ── fields a resident may never set
  { name: 'status in the body', request: () => submit({ ...validReport(), status: 'closed' }), status: 400, fields: ['status'] },
  { name: 'assignee in the body', request: () => submit({ ...validReport(), assignee: { kind: 'user', id: 'u-sun' } }), status: 400, fields: ['assignee'] },
  { name: 'communityId in the body', request: () => submit({ ...validReport(), communityId: 'c-other' }), status: 400, fields: ['communityId'] },
  { name: 'reporterId, gridId and version in the body', request: () => submit({ ...validReport(), reporterId: 'u-li', gridId: 'g-1', version: 9 }), status: 400, fields: ['reporterId', 'gridId', 'version'] },
  { name: 'onBehalfOf on POST /reports (代报 has its own route)', request: () => submit({ ...validReport(), onBehalfOf: { phone: '13800000000' } }), status: 400, fields: ['onBehalfOf'] },
  // ── text PostgreSQL cannot store
  { name: 'a NUL character in the description', request: () => submit(validReport({ description: '路面有坑\u0000请处理一下' })), status: 400, fields: ['description'] },
  { name: 'a NUL character deep in the location', request: () => submit(validReport({ location: { kind: 'text', address: '南门\u0000口' } })), status: 400, fields: ['location'] },
  // A lone UTF-16 surrogate is no character: PostgreSQL would store U+FFFD (or fail) instead.
  { name: 'a lone surrogate in the description (raw JSON)', request: () => raw(JSON.stringify(validReport()).replace('路面', '路\\ud800面')), status: 400, fields: ['description'] },
  { name: 'a lone low surrogate deep in the location', request: () => submit(validReport({ location: { kind: 'text', address: '南门\udc00口' } })), status: 400, fields: ['location'] },
  { name: 'a lone surrogate as a field name', request: () => raw('{"\\ud800": 1}'), status: 400, fields: ['body'] },
  { name: 'a NUL character in a query', request: () => get('/api/v1/reports/public?categoryId=cat%00road'), status: 400, fields: ['categoryId'] },
  { name: 'a NUL character in a path', request: () => get('/api/v1/reports/r_%00'), status: 400, fields: ['id'] },
  // ── the idempotency key
  { name: 'no Idempotency-Key', request: () => ({ method: 'POST', url: '/api/v1/reports', headers: resident, payload: validReport() }), status: 400, fields: ['idempotencyKey'] },
  { name: 'a 7-character Idempotency-Key', request: () => submit(validReport(), { 'idempotency-key': 'abcdefg' }), status: 400, fields: ['idempotencyKey'] },
  { name: 'an Idempotency-Key with a slash', request: () => submit(validReport(), { 'idempotency-key': 'abcdefgh/ij' }), status: 400, fields: ['idempotencyKey'] },
  { name: 'a 101-character Idempotency-Key', request: () => submit(validReport(), { 'idempotency-key': 'k'.repeat(101) }), status: 400, fields: ['idempotencyKey'] },
  // ── queries
  { name: 'limit=0', request: () => get('/api/v1/reports/mine?limit=0'), status: 400, fields: ['limit'] },
  { name: 'limit=51', request: () => get('/api/v1/reports/mine?limit=51'), status: 400, fields: ['limit'] },
  { name: 'limit=abc', request: () => get('/api/v1/reports/mine?limit=abc'), status: 400, fields: ['limit'] },
  { name: 'limit twice', request: () => get('/api/v1/reports/mine?limit=1&limit=2'), status: 400, fields: ['limit'] },
  { name: 'a bad cursor', request: () => get('/api/v1/reports/mine?cursor=bm90LWEtY3Vyc29y'), status: 400, fields: ['cursor'] },
  { name: 'a cursor of 201 characters', request: () => get(`/api/v1/reports/public?cursor=${'c'.repeat(201)}`), status: 400, fields: ['cursor'] },
  { name: 'an unknown query parameter', request: () => get('/api/v1/reports/mine?sort=oldest'), status: 400, fields: ['sort'] },
  { name: 'a 65-character categoryId filter', request: () => get(`/api/v1/reports/public?categoryId=${'c'.repeat(65)}`), status: 400, fields: ['categoryId'] },
  { name: 'an unknown status filter', request: () => get('/api/v1/inbox?status=submitted,lost', staff), status: 400, fields: ['status'] },
  { name: 'overdueOnly=maybe', request: () => get('/api/v1/inbox?overdueOnly=maybe', staff), status: 400, fields: ['overdueOnly'] },
  { name: 'an inbox cursor that is not an offset', request: () => get('/api/v1/inbox?cursor=-5', staff), status: 400, fields: ['cursor'] },
  // ── path parameters
  { name: 'a 65-character report id', request: () => get(`/api/v1/reports/${'r'.repeat(65)}`), status: 400, fields: ['id'] },
  { name: 'a path with a lone surrogate (not UTF-8)', request: () => get('/api/v1/reports/%ED%A0%80'), status: 400, fields: ['path'] },
  { name: 'a path with a broken percent-encoding', request: () => get('/api/v1/reports/%zz'), status: 400, fields: ['path'] },
  { name: 'a path parameter over 200 characters', request: () => get(`/api/v1/reports/${'r'.repeat(201)}`), status: 414, fields: ['path'] },
  { name: 'an unknown move', request: () => moveOn('teleport', {}), status: 400, fields: ['move'] },
  { name: 'rating through the moves route', request: () => moveOn('rate', { note: 'x' }), status: 400, fields: ['move'] },
  // ── move bodies
  { name: 'status in a move body', request: () => moveOn('accept', { status: 'closed' }), status: 400, fields: ['status'] },
  { name: 'an assignee of an unknown kind', request: () => moveOn('assign', { assignee: { kind: 'robot', id: 'r2' } }), status: 400, fields: ['assignee'] },
  { name: 'an assignee without an id', request: () => moveOn('assign', { assignee: { kind: 'user' } }), status: 400, fields: ['assignee'] },
  { name: 'a 2001-character note', request: () => moveOn('accept', { note: '好'.repeat(2001) }), status: 400, fields: ['note'] },
  { name: 'a move body that is an array', request: () => moveOn('accept', [1]), status: 400, fields: ['body'] },
  { name: 'a transfer target of an unknown kind', request: () => moveOn('transfer', { target: { kind: 'planet', id: 'mars' }, note: '转走' }), status: 400, fields: ['target'] },
  // ── rating
  {
    name: 'an unknown rating level',
    request: () => ({ method: 'POST', url: `/api/v1/reports/${reportId}/rating`, headers: resident, payload: { level: 'great', comment: '' } }),
    status: 400,
    fields: ['level'],
  },
  {
    name: 'a rating without a comment',
    request: () => ({ method: 'POST', url: `/api/v1/reports/${reportId}/rating`, headers: resident, payload: { level: 'satisfied' } }),
    status: 400,
    fields: ['comment'],
  },
  {
    name: 'a rating that tries to set the status',
    request: () => ({ method: 'POST', url: `/api/v1/reports/${reportId}/rating`, headers: resident, payload: { level: 'satisfied', comment: '', status: 'closed' } }),
    status: 400,
    fields: ['status'],
  },
  // ── sign-in
  { name: 'demo sign-in without a userId', request: () => ({ method: 'POST', url: '/api/v1/session/demo', payload: {} }), status: 400, fields: ['userId'] },
  { name: 'demo sign-in with a numeric userId', request: () => ({ method: 'POST', url: '/api/v1/session/demo', payload: { userId: 7 } }), status: 400, fields: ['userId'] },
  { name: 'demo sign-in with extra fields', request: () => ({ method: 'POST', url: '/api/v1/session/demo', payload: { userId: 'u-wang', roles: ['admin'] } }), status: 400, fields: ['roles'] },
  { name: 'WeChat sign-in with an empty code', request: () => ({ method: 'POST', url: '/api/v1/session/wechat', payload: { code: '' } }), status: 400, fields: ['code'] },
  { name: 'WeChat sign-in with a form body', request: () => ({ method: 'POST', url: '/api/v1/session/wechat', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'code=x' }), status: 415 },
  // ── uploads
  {
    name: 'an upload over 10 MB',
    request: () => {
      const body = photoFile(png(1, 1, 10 * 1024 * 1024 + 10))
      return { method: 'POST', url: '/api/v1/photos', headers: { ...resident, ...body.headers }, payload: body.payload }
    },
    status: 413,
    fields: ['file'],
  },
  {
    name: 'an upload of a script named .jpg',
    request: () => {
      const body = photoFile(Buffer.from('#!/bin/sh\nrm -rf /\n'), 'image/jpeg', 'x.jpg')
      return { method: 'POST', url: '/api/v1/photos', headers: { ...resident, ...body.headers }, payload: body.payload }
    },
    status: 415,
    fields: ['file'],
  },
  { name: 'an upload as JSON', request: () => ({ method: 'POST', url: '/api/v1/photos', headers: { ...resident, ...json }, payload: '{"file":"x"}' }), status: 415, fields: ['file'] },
  // ── messages
  { name: 'a message without a body', request: () => message({}), status: 400, fields: ['body'] },
  { name: 'a message body that is a number', request: () => message({ body: 5 }), status: 400, fields: ['body'] },
  { name: 'a message with a threadId field', request: () => message({ body: '你好', threadId: 'general:u-li' }), status: 400, fields: ['threadId'] },
  { name: 'a message with authorId', request: () => message({ body: '你好', authorId: 'u-zhang' }), status: 400, fields: ['authorId'] },
  { name: 'a 2001-character message', request: () => message({ body: '字'.repeat(2001) }), status: 400, fields: ['body'] },
  { name: 'a 501-character message (the domain’s limit)', request: () => message({ body: '字'.repeat(501) }), status: 422, fields: ['body'] },
  { name: 'an empty message', request: () => message({ body: '   ' }), status: 422, fields: ['body'] },
  { name: 'a NUL character in a message', request: () => message({ body: '你\u0000好' }), status: 400, fields: ['body'] },
  { name: 'a lone surrogate in a message', request: () => ({ ...message({}), payload: '{"body":"x\\ud800y"}', headers: { ...resident, ...json } }), status: 400, fields: ['body'] },
  { name: 'a message as a bare string', request: () => ({ ...message({}), payload: '"你好"', headers: { ...resident, ...json } }), status: 400, fields: ['body'] },
  { name: 'a general message with a report id', request: () => ({ method: 'POST', url: '/api/v1/threads/general/messages', headers: resident, payload: { body: '你好', reportId: reportId } }), status: 400, fields: ['reportId'] },
  { name: 'a thread id of 101 characters', request: () => get(`/api/v1/threads/${'t'.repeat(101)}/messages`), status: 400, fields: ['id'] },
  { name: 'a thread page cursor that is not a number', request: () => get(`/api/v1/threads/${encodeURIComponent(`report:${reportId}`)}/messages?cursor=abc`), status: 400, fields: ['cursor'] },
  { name: 'a thread page of 0', request: () => get(`/api/v1/threads/${encodeURIComponent(`report:${reportId}`)}/messages?limit=0`), status: 400, fields: ['limit'] },
  { name: 'an unknown query on threads', request: () => get(`/api/v1/threads/${encodeURIComponent(`report:${reportId}`)}/messages?since=1`), status: 400, fields: ['since'] },
  // ── notices
  { name: 'an empty notice', request: () => publish({}), status: 400, fields: ['title', 'body', 'scope', 'urgent', 'pinned'] },
  { name: 'a notice scope of an unknown kind', request: () => publish(notice({ scope: { kind: 'everyone' } })), status: 400, fields: ['scope'] },
  { name: 'a building scope without buildings', request: () => publish(notice({ scope: { kind: 'buildings' } })), status: 400, fields: ['scope'] },
  { name: 'a community scope with buildings', request: () => publish(notice({ scope: { kind: 'community', buildingIds: ['b-3'] } })), status: 400, fields: ['scope'] },
  { name: 'building ids that are not a list', request: () => publish(notice({ scope: { kind: 'buildings', buildingIds: 'b-3' } })), status: 400, fields: ['scope'] },
  { name: 'urgent as the string "yes"', request: () => publish(notice({ urgent: 'yes' })), status: 400, fields: ['urgent'] },
  { name: 'an expiry that is not a time', request: () => publish(notice({ expiresAt: 'next friday' })), status: 400, fields: ['expiresAt'] },
  { name: 'an expiry in year 10000 (was a 500)', request: () => publish(notice({ expiresAt: '+010000-01-01T00:00:00Z' })), status: 400, fields: ['expiresAt'] },
  { name: 'an expiry in 2999', request: () => publish(notice({ expiresAt: '2999-01-01T00:00:00Z' })), status: 400, fields: ['expiresAt'] },
  { name: 'an expiry that is a bare year ("2030")', request: () => publish(notice({ expiresAt: '2030' })), status: 400, fields: ['expiresAt'] },
  { name: 'an expiry without an offset', request: () => publish(notice({ expiresAt: '2030-01-01T08:00:00' })), status: 400, fields: ['expiresAt'] },
  { name: 'an expiry of 41 characters', request: () => publish(notice({ expiresAt: '2'.repeat(41) })), status: 400, fields: ['expiresAt'] },
  { name: 'a notice with authorId', request: () => publish(notice({ authorId: 'u-zhou' })), status: 400, fields: ['authorId'] },
  { name: 'a notice with publishedAt', request: () => publish(notice({ publishedAt: '2020-01-01T00:00:00.000Z' })), status: 400, fields: ['publishedAt'] },
  { name: 'a 201-character title', request: () => publish(notice({ title: '题'.repeat(201) })), status: 400, fields: ['title'] },
  { name: 'a 51-character title (the domain’s limit)', request: () => publish(notice({ title: '题'.repeat(51) })), status: 422, fields: ['title'] },
  { name: 'an empty body', request: () => publish(notice({ body: '' })), status: 422, fields: ['body'] },
  { name: 'no buildings', request: () => publish(notice({ scope: { kind: 'buildings', buildingIds: [] } })), status: 422, fields: ['scope'] },
  { name: 'an expiry in the past', request: () => publish(notice({ expiresAt: '2020-01-01T00:00:00.000Z' })), status: 422, fields: ['expiresAt'] },
  { name: 'a NUL character in a title', request: () => publish(notice({ title: '停水\u0000通知' })), status: 400, fields: ['title'] },
  { name: 'a notice page cursor of another kind', request: () => get('/api/v1/notices?cursor=2026-11-21T00:00:00.000Z|n_1'), status: 400, fields: ['cursor'] },
  { name: 'a notice id of 65 characters', request: () => get(`/api/v1/notices/${'n'.repeat(65)}`), status: 400, fields: ['id'] },
  // ── the dashboard
  { name: 'a dashboard without a range', request: () => get('/api/v1/dashboard', staff), status: 400, fields: ['from', 'to'] },
  { name: 'a dashboard from "yesterday"', request: () => get('/api/v1/dashboard?from=yesterday&to=2026-11-21T00:00:00.000Z', staff), status: 400, fields: ['from'] },
  {
    name: 'a dashboard range in year 10000 (was a 500)',
    request: () => get(`/api/v1/dashboard?from=${encodeURIComponent('+010000-01-01T00:00:00Z')}&to=${encodeURIComponent('+010000-02-01T00:00:00Z')}`, staff),
    status: 400,
    fields: ['from', 'to'],
  },
  { name: 'a dashboard range from "0" to "1" (Date.parse reads them as 2000 and 2001)', request: () => get('/api/v1/dashboard?from=0&to=1', staff), status: 400, fields: ['from', 'to'] },
  { name: 'a dashboard range in 1999', request: () => get('/api/v1/dashboard?from=1999-01-01T00:00:00Z&to=1999-02-01T00:00:00Z', staff), status: 400, fields: ['from', 'to'] },
  { name: 'a dashboard range with empty times', request: () => get('/api/v1/dashboard?from=&to=', staff), status: 400, fields: ['from', 'to'] },
  { name: 'a dashboard time of 41 characters', request: () => get(`/api/v1/dashboard?from=${'2'.repeat(41)}&to=2026-11-21T00:00:00.000Z`, staff), status: 400, fields: ['from'] },
  { name: 'a dashboard range with an extra parameter', request: () => get(`/api/v1/dashboard?${RANGE}&gridId=g-1`, staff), status: 400, fields: ['gridId'] },
  { name: 'a dashboard range that runs backwards', request: () => get('/api/v1/dashboard?from=2026-11-21T00:00:00.000Z&to=2026-11-01T00:00:00.000Z', staff), status: 422, fields: ['to'] },
  { name: 'a dashboard range of 367 days', request: () => get('/api/v1/dashboard?from=2025-01-01T00:00:00.000Z&to=2026-01-03T00:00:00.000Z', staff), status: 422, fields: ['to'] },
  // ── 代报
  { name: '代报 without onBehalfOf', request: () => onBehalf(validReport()), status: 400, fields: ['onBehalfOf'] },
  { name: '代报 with an empty household', request: () => onBehalf({ ...validReport(), onBehalfOf: {} }), status: 400, fields: ['onBehalfOf'] },
  { name: '代报 with a numeric room', request: () => onBehalf({ ...validReport(), onBehalfOf: { buildingId: 'b-3', room: 301 } }), status: 400, fields: ['onBehalfOf'] },
  { name: '代报 with a 21-character room', request: () => onBehalf({ ...validReport(), onBehalfOf: { buildingId: 'b-3', room: '3'.repeat(21) } }), status: 400, fields: ['onBehalfOf'] },
  { name: '代报 with a household id card', request: () => onBehalf({ ...validReport(), onBehalfOf: { buildingId: 'b-3', room: '301', idCard: '320000' } }), status: 400, fields: ['onBehalfOf'] },
  { name: '代报 naming the reporter', request: () => onBehalf({ ...validReport(), reporterId: 'u-li', onBehalfOf: { buildingId: 'b-3', room: '301' } }), status: 400, fields: ['reporterId'] },
  { name: '代报 without an Idempotency-Key', request: () => ({ ...onBehalf({ ...validReport(), onBehalfOf: { buildingId: 'b-3', room: '301' } }), headers: staff }), status: 400, fields: ['idempotencyKey'] },
  { name: '代报 for an unknown room', request: () => onBehalf({ ...validReport(), onBehalfOf: { buildingId: 'b-3', room: '999' } }), status: 422, fields: ['room'] },
  { name: '代报 with a bad phone', request: () => onBehalf({ ...validReport(), onBehalfOf: { buildingId: 'b-3', room: '301', phone: '110' } }), status: 422, fields: ['phone'] },
  // ── the moderation queue and the audit log (issue 13)
  { name: 'a moderation reason that is a number', request: () => ({ method: 'POST', url: '/api/v1/moderation/items/mq_1/reject', headers: staff, payload: { reason: 5 } }), status: 400, fields: ['reason'] },
  { name: 'a moderation decision with an extra field', request: () => ({ method: 'POST', url: '/api/v1/moderation/items/mq_1/reject', headers: staff, payload: { reason: '含有广告', status: 'approved' } }), status: 400, fields: ['status'] },
  { name: 'a moderation page of 51', request: () => get('/api/v1/moderation/items?limit=51', staff), status: 400, fields: ['limit'] },
  { name: 'an unknown query on the audit log', request: () => get('/api/v1/audit?since=1', staff), status: 400, fields: ['since'] },
  { name: 'an audit action the log does not know', request: () => get('/api/v1/audit?action=report.delete', staff), status: 400, fields: ['action'] },
  { name: 'an audit cursor that is not one', request: () => get('/api/v1/audit?cursor=abc', staff), status: 400, fields: ['cursor'] },
  // ── routes and methods
  { name: 'an unknown route', request: () => get('/api/v1/reports/x/comments'), status: 404, kind: 'not_found' },
  { name: 'an unknown method', request: () => ({ method: 'PUT', url: '/api/v1/reports', headers: resident, payload: {} }), status: 404, kind: 'not_found' },
  { name: 'a path outside the API', request: () => get('/etc/passwd'), status: 404, kind: 'not_found' },
]

describe('malformed input', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s → typed 4xx', async (_name, c) => {
    const response = await world.inject(c.request())
    expect(response.statusCode).toBeGreaterThanOrEqual(400)
    expect(response.statusCode).toBeLessThan(500)
    expectError(response, c.status, c.kind ?? 'validation', c.fields)
    expect(response.headers['content-type']).toMatch(/^application\/json/)
    const { error } = response.json()
    expect(Object.keys(error).every((k) => ['kind', 'message', 'fields', 'retryAfterMs'].includes(k))).toBe(true)
    expect(error.message).toMatch(/[\u4e00-\u9fff]/)
  })

  it('reports every bad field at once, with messages a person can read', async () => {
    const response = await world.inject(submit({ categoryId: 'c'.repeat(65), description: '坑'.repeat(2001), photoIds: [], location: { kind: 'text', address: 5 }, anonymous: 1 }))
    const fields = expectError(response, 400, 'validation', ['categoryId', 'description', 'location', 'anonymous'])
    expect(fields).toEqual({ categoryId: '不能超过64个字', description: '不能超过2000个字', location: '格式不正确', anonymous: '格式不正确' })
  })

  describe('every instant the API takes: well-formed, years 2000–2100, or a 400 on its field', () => {
    const conventionBody = (effectiveFrom: string) => ({
      kind: 'community',
      title: '时间测试公约',
      buildingIds: [],
      articles: [{ title: '爱护环境', text: '垃圾分类投放' }],
      changeNote: '测试',
      publish: true,
      effectiveFrom,
    })
    const voteBody = (closesAt: string) => ({
      title: '是否增设路灯',
      description: '说明',
      kind: 'approval',
      options: [],
      scope: { kind: 'community' },
      closesAt,
      quorumPercent: 50,
      majority: 'simple',
      publicityDays: 7,
    })
    const post = (url: string, payload: unknown, headers: Headers = staff): InjectOptions => ({
      method: 'POST',
      url: `/api/v1${url}`,
      headers: { ...headers, 'idempotency-key': newKey() },
      payload: payload as InjectOptions['payload'],
    })
    const routes: Array<[string, (at: string) => InjectOptions, string[]]> = [
      ['the dashboard', (at) => get(`/api/v1/dashboard?from=${encodeURIComponent(at)}&to=${encodeURIComponent(at)}`, staff), ['from', 'to']],
      ['a notice’s expiry', (at) => publish(notice({ expiresAt: at })), ['expiresAt']],
      ['a convention’s effective date', (at) => post('/conventions', conventionBody(at)), ['effectiveFrom']],
      ['a draft’s effective date', (at) => post('/conventions/cv_none/draft/publish', { effectiveFrom: at }), ['effectiveFrom']],
      ['a vote’s closing time', (at) => post('/votes', voteBody(at)), ['closesAt']],
      ['a booking’s slot', (at) => post('/bookings', { serviceId: 'svc_none', startsAt: at, answers: {} }, resident), ['startsAt']],
      ['a new slot of a booking', (at) => post('/bookings/bk_none/reschedule', { startsAt: at }, resident), ['startsAt']],
    ]

    it.each(routes)('%s', async (_name, request, fields) => {
      for (const [at, message] of [
        ['+010000-01-01T00:00:00Z', '时间超出范围'],
        ['2101-01-01T00:00:00.000Z', '时间超出范围'],
        ['1999-12-31T23:59:59.999Z', '时间超出范围'],
        ['next friday', '时间格式不正确'],
        ['2026-12-01', '时间格式不正确'],
        ['2026-02-30T00:00:00Z', '时间格式不正确'],
      ]) {
        const answer = expectError(await world.inject(request(at)), 400, 'validation', fields)
        expect([at, answer]).toEqual([at, Object.fromEntries(fields.map((f) => [f, message]))])
      }
      // A well-formed instant in range passes the schema (whatever the rules then say of it).
      const inRange = await world.inject(request('2030-01-01T00:00:00+08:00'))
      expect(inRange.statusCode === 400 ? Object.keys(inRange.json().error.fields ?? {}).filter((f) => fields.includes(f)) : []).toEqual([])
    })
  })

  it('takes characters beyond the BMP (a surrogate pair) and keeps them as sent', async () => {
    const body = '停车位被占了😀，麻烦处理𠮷'
    const sent = await world.inject({ ...message({}), payload: JSON.stringify({ body }), headers: { ...resident, ...json } })
    expect(sent.statusCode).toBe(201)
    expect(sent.json().body).toBe(body)
    const thread = (await world.inject(get(`/api/v1/threads/${encodeURIComponent(`report:${reportId}`)}/messages`))).json()
    expect(thread.items.map((m: { body: string }) => m.body)).toContain(body)
  })

  it('left the report untouched by all of the above', async () => {
    const detail = (await world.inject({ url: `/api/v1/reports/${reportId}`, headers: resident })).json()
    expect(detail.report).toMatchObject({ status: 'submitted', version: 1, communityId: 'c-yingyue', reporterId: 'u-wang' })
  })
})
