/** A random id that is unique enough for idempotency keys and local records (≈ 120 bits). */
export function randomId(prefix = ''): string {
  let out = ''
  for (let i = 0; i < 4; i++) out += Math.floor(Math.random() * 0x40000000).toString(36).padStart(6, '0')
  return prefix + Date.now().toString(36) + out
}
