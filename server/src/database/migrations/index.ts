import { InitialSchema1764100000000 } from './1764100000000-initial-schema.js';

/** In order; each runs once on both drivers. */
export const MIGRATIONS = [InitialSchema1764100000000];
