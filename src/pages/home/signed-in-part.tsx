/**
 * What a signed-in person sees on 首页 below the actions (./signed-in.tsx), as the page imports it:
 * here (the weapp, the tests) with the page; on H5 `signed-in-part.h5.tsx`, which Taro picks for
 * the H5 build, loads it as a chunk of its own (ADR 40). Both files end in `.tsx`: Taro's resolver
 * tries one extension after the other (`.ts` before `.tsx`), the platform's file first for each, so
 * a `signed-in-part.ts` would be taken before `signed-in-part.h5.tsx` was looked for.
 */
export { default as SignedInHome } from './signed-in'
