/**
 * Lazy loaders for every widget view: widgets/<name>/view.ts. Vite turns each into its own
 * chunk, so a page downloads a widget's code (and its heavy libraries) only when asked.
 */
const views = import.meta.glob<unknown>('./*/view.ts');

export function widgetLoader(name: string): (() => Promise<unknown>) | undefined {
  return views[`./${name}/view.ts`];
}

export const widgetNames = (): string[] =>
  Object.keys(views).map((k) => k.slice(2, -'/view.ts'.length));
