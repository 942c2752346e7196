import { z } from 'zod/mini';

/**
 * The contracts' zod: zod/mini, the same schemas and checks as zod's full build in functional form,
 * so that a bundle keeps only what its schemas use (the tab validates every API answer with them).
 * zod/mini carries no messages of its own; the English ones are what zod's full build gives, and
 * what the server answers with when a request breaks a rule that names no message of its own.
 */
z.config(z.locales.en());

export { z };
