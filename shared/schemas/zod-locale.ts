import { config } from 'zod/mini';
import { en } from 'zod/v4/locales';

/**
 * zod's English messages for the schemas written with `zod/mini`, which, unlike `zod`, sets no
 * locale itself: the same rule reads the same in every function, whichever flavour it imports.
 * (API texts in Vietnamese come from i18n/localize.ts, by issue code, not from these messages.)
 */
config(en());
