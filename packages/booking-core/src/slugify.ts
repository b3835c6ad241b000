/*
 * The `@workestra/booking-core/slugify` entry: only the slug rule, with no Node built-ins, so a
 * browser form can preview exactly the slug the server will derive from a title.
 */
export { slugify } from './slug.js';
