/**
 * Keyboard routing for projector mode and widget stepping (only
 * `describeTarget` reads the event target; everything else is pure).
 *
 * Contract with widget views («small API»): a button that shows the next state carries
 * `data-step="next"`, the previous state `data-step="back"`, and a play / pause toggle
 * `data-step="play"` (stepper.ts sets them on its three buttons). With focus inside a widget
 * (or the widget full screen), → / ← / Space click the first such enabled button of that widget;
 * a widget without them ignores the keys (and the browser keeps its default, e.g. Space scrolls).
 */
export type TargetKind =
  /** Where a key types or adjusts a value: text inputs, range/number, select, textarea, contenteditable, CodeMirror. */
  | 'typing'
  /** Activatable by Space/Enter natively: button, link, summary, checkbox, radio. */
  | 'activatable'
  | 'other';

export type KeyAction = 'projector' | 'next' | 'back' | 'play' | null;

export interface KeyInfo {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/** Data attribute values of the step buttons, per action. */
export const STEP_ATTR = 'data-step';

const ACTIVATABLE_INPUTS = new Set(['button', 'submit', 'reset', 'checkbox', 'radio', 'image', 'file', 'color']);

/** What a key handler needs to know of its target (read by `describeTarget`). */
export interface TargetInfo {
  /** Lower-case tag name. */
  tag: string;
  /** `type` of an <input> ('' otherwise). */
  type?: string;
  role?: string | null;
  /** Inside contenteditable or a CodeMirror editor. */
  editable?: boolean;
  /** An <a> with href. */
  href?: boolean;
}

/** Reads `el` (the event target) for `kindOf` (DOM). */
export function describeTarget(el: Element | null): TargetInfo {
  if (!el || typeof el.closest !== 'function') return { tag: '' };
  return {
    tag: el.tagName.toLowerCase(),
    type: el instanceof HTMLInputElement ? el.type : '',
    role: el.getAttribute('role'),
    editable: el.closest('.cm-editor, [contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"]') !== null,
    href: el.hasAttribute('href'),
  };
}

/** What kind of target this is (pure). */
export function kindOf(t: TargetInfo): TargetKind {
  if (t.editable) return 'typing';
  if (t.tag === 'textarea' || t.tag === 'select') return 'typing';
  if (t.tag === 'input') return ACTIVATABLE_INPUTS.has((t.type || 'text').toLowerCase()) ? 'activatable' : 'typing';
  if (t.tag === 'button' || t.tag === 'summary' || (t.tag === 'a' && t.href)) return 'activatable';
  const role = t.role ?? '';
  if (['slider', 'textbox', 'spinbutton', 'combobox', 'listbox', 'searchbox'].includes(role)) return 'typing';
  if (['button', 'link', 'checkbox', 'switch', 'radio', 'tab'].includes(role)) return 'activatable';
  return 'other';
}

/**
 * The action for a keydown: P toggles projector mode anywhere except while typing; → / ← step and
 * Space plays / pauses only inside a widget (`inWidget`), never while typing, and Space not on an
 * element it activates natively. Any Ctrl/Meta/Alt combination is left to the browser.
 */
export function keyAction(k: KeyInfo, kind: TargetKind, inWidget: boolean): KeyAction {
  if (k.ctrlKey || k.metaKey || k.altKey) return null;
  if (kind === 'typing') return null;
  if (k.key === 'p' || k.key === 'P') return 'projector';
  if (!inWidget) return null;
  if (k.key === 'ArrowRight') return 'next';
  if (k.key === 'ArrowLeft') return 'back';
  if ((k.key === ' ' || k.key === 'Spacebar') && kind !== 'activatable') return 'play';
  return null;
}
