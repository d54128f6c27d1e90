import { describe, expect, it } from 'vitest';
import { keyAction, kindOf, type TargetInfo } from '../../widgets/lib/widget/keys';

describe('kindOf: what a key target is', () => {
  const cases: Array<[TargetInfo, string]> = [
    [{ tag: 'input', type: 'text' }, 'typing'],
    [{ tag: 'input', type: 'range' }, 'typing'],
    [{ tag: 'input', type: 'number' }, 'typing'],
    [{ tag: 'input', type: 'search' }, 'typing'],
    [{ tag: 'input', type: '' }, 'typing'],
    [{ tag: 'input', type: 'checkbox' }, 'activatable'],
    [{ tag: 'input', type: 'button' }, 'activatable'],
    [{ tag: 'textarea' }, 'typing'],
    [{ tag: 'select' }, 'typing'],
    [{ tag: 'div', editable: true }, 'typing'],
    [{ tag: 'div', role: 'slider' }, 'typing'],
    [{ tag: 'button' }, 'activatable'],
    [{ tag: 'a', href: true }, 'activatable'],
    [{ tag: 'a', href: false }, 'other'],
    [{ tag: 'summary' }, 'activatable'],
    [{ tag: 'figure' }, 'other'],
    [{ tag: 'body' }, 'other'],
  ];
  it.each(cases)('%o → %s', (t, kind) => expect(kindOf(t)).toBe(kind));
});

describe('keyAction: which keys do what', () => {
  it('P toggles projector mode anywhere but while typing, and not with a modifier', () => {
    expect(keyAction({ key: 'p' }, 'other', false)).toBe('projector');
    expect(keyAction({ key: 'P' }, 'activatable', true)).toBe('projector');
    expect(keyAction({ key: 'p' }, 'typing', false)).toBeNull();
    expect(keyAction({ key: 'p', ctrlKey: true }, 'other', false)).toBeNull();
    expect(keyAction({ key: 'p', metaKey: true }, 'other', false)).toBeNull();
  });
  it('arrows step only inside a widget, and not in a field', () => {
    expect(keyAction({ key: 'ArrowRight' }, 'other', true)).toBe('next');
    expect(keyAction({ key: 'ArrowLeft' }, 'activatable', true)).toBe('back');
    expect(keyAction({ key: 'ArrowRight' }, 'other', false)).toBeNull();
    expect(keyAction({ key: 'ArrowLeft' }, 'typing', true)).toBeNull();
    expect(keyAction({ key: 'ArrowRight', altKey: true }, 'other', true)).toBeNull();
  });
  it('Space plays / pauses inside a widget, but a focused button keeps its own Space', () => {
    expect(keyAction({ key: ' ' }, 'other', true)).toBe('play');
    expect(keyAction({ key: ' ' }, 'activatable', true)).toBeNull();
    expect(keyAction({ key: ' ' }, 'typing', true)).toBeNull();
    expect(keyAction({ key: ' ' }, 'other', false)).toBeNull();
  });
  it('other keys are left alone', () => {
    for (const key of ['Enter', 'ArrowUp', 'ArrowDown', 'a', 'Tab']) expect(keyAction({ key }, 'other', true)).toBeNull();
  });
});
