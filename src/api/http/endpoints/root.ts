/** Where the API lives under the server's origin (`API.prefix` of types/routes.ts). */
export const API_ROOT = '/api/v1'
