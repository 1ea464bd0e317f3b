/**
 * Stands in for zod's `locales/index.js` in the console bundle. zod's classic API re-exports every
 * locale (about 40 error maps, 180 KiB minified) under `z.locales`; the console words its messages
 * with its own maps (shared/schemas/i18n), so only zod's default English one is kept.
 */
export { default as en } from 'zod/v4/locales/en.js';
