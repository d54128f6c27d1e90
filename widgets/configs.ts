import type { Schema } from './lib/state/schema';

/**
 * Config schemas of every widget, for the build-time check of a lesson's `config={{…}}` in
 * Widget.astro. A widget that takes author options exports `configSchema` from its pure
 * `widgets/<name>/schema.ts` (derived from its state schema where they share fields, see
 * `pickFields` in lib/state/check.ts) and assigns it to `configSchema` in its view; a widget
 * without one accepts no config key. Kept apart from registry.ts so that the server build does
 * not pull in the views (and tfjs, Plot…) that registry.ts loads lazily in the browser.
 */
const schemas = import.meta.glob<Schema>('./*/schema.ts', { import: 'configSchema', eager: true });

/** The config schema of widget `name` ({} when it declares none). */
export function configSchemaOf(name: string): Schema {
  return schemas[`./${name}/schema.ts`] ?? {};
}
