// The named parts of a box of server-rendered markup, found by data attributes:
// parts(box, 'dl', ['start', 'bar']) returns { start: <[data-dl-start]>, bar: <[data-dl-bar]> }.
// A missing part is a bug in the component's markup, so it throws (naming the attribute) instead
// of handing back null for a later, vaguer failure.
export function parts<T extends Record<string, HTMLElement>>(root: ParentNode, prefix: string, names: ReadonlyArray<keyof T & string>): T {
  const found: Record<string, HTMLElement> = {};
  for (const name of names) {
    const el = root.querySelector<HTMLElement>(`[data-${prefix}-${name}]`);
    if (!el) throw new Error(`missing [data-${prefix}-${name}] in its box`);
    found[name] = el;
  }
  return found as T;
}
