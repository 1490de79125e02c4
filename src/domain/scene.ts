import { normalizeInviteCode } from './membership'

/**
 * What a scanned code asks the app to open. A mini-program code made by the server carries a
 * `scene` (at most 32 characters): `i=<invite code>` for an invitation, `c=<community code>` for a
 * community's code (社区码). WeChat hands it to the page it opens as `?scene=` (URL-encoded), and
 * 扫一扫 inside the app answers the code's `path` (with the scene in it) or, for a plain QR code,
 * its text. Pure functions; the pages read the route and call Taro.
 */
export type SceneTarget = { kind: 'invite'; code: string } | { kind: 'community'; code: string }

/** A community code (社区码) as typed or scanned: 6 letters and digits, upper case; null when it cannot be one. */
export function normalizeCommunityCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '')
  return /^[A-Z0-9]{6}$/.test(code) ? code : null
}

/** Decode as often as it was encoded (a scene passed through a URL twice), at most three times. */
function decoded(raw: string): string {
  let text = raw
  for (let i = 0; i < 3 && /%[0-9a-f]{2}/i.test(text); i++) {
    try {
      text = decodeURIComponent(text)
    } catch {
      break
    }
  }
  return text
}

/** A scene (`i=AB23CD45`, `c=YYDEMO`, encoded or not; other keys after `&` ignored) → what it opens; null for anything else. */
export function parseScene(raw: string | undefined | null): SceneTarget | null {
  if (typeof raw !== 'string' || !raw.trim()) return null
  for (const part of decoded(raw.trim()).split('&')) {
    const at = part.indexOf('=')
    if (at < 0) continue
    const key = part.slice(0, at).trim().toLowerCase()
    const value = part.slice(at + 1)
    if (key === 'i') {
      const code = normalizeInviteCode(value)
      if (code) return { kind: 'invite', code }
    } else if (key === 'c') {
      const code = normalizeCommunityCode(value)
      if (code) return { kind: 'community', code }
    }
  }
  return null
}

/** The `scene` of a mini-program path (`pages/home/index?scene=c%3DYYDEMO`), if any. */
function sceneOfPath(path: string): string | null {
  const query = path.split('?')[1]
  if (!query) return null
  for (const pair of query.split('&')) {
    const [key, ...rest] = pair.split('=')
    if (key === 'scene') return rest.join('=')
  }
  return null
}

/**
 * What 扫一扫 read (Taro.scanCode's `path` for a mini-program code, `result` for a QR code or a
 * barcode), as the code `want`ed: a mini-program code of the right kind, a scene, a link with a
 * scene, or the bare code itself. Null when it holds no such code.
 */
export function codeFromScan(scan: { result?: string; path?: string }, want: SceneTarget['kind']): string | null {
  const texts = [scan.path, scan.result].filter((t): t is string => typeof t === 'string' && t.length > 0)
  for (const text of texts) {
    const scene = sceneOfPath(text)
    const target = parseScene(scene ?? text)
    if (target) return target.kind === want ? target.code : null
  }
  for (const text of texts) {
    const bare = want === 'invite' ? normalizeInviteCode(text) : normalizeCommunityCode(text)
    if (bare) return bare
  }
  return null
}
