/**
 * The keyboard point editor's core, shared by curve-fit and train-infer (DOM): a «Punto» select
 * and two number inputs for the chosen point's coordinates. The widget owns the data: it is told
 * when a point is picked or moved, and calls show() to bring the controls in line.
 */
import { h, numberInput, select } from './dom';

export interface AxisInput {
  label: string;
  min: number;
  max: number;
}

export interface PointPicker {
  pick: ReturnType<typeof select<string>>;
  px: ReturnType<typeof numberInput>;
  py: ReturnType<typeof numberInput>;
  /**
   * Lists the points by `text` (the options are rebuilt only when a label changes), selects
   * option i and shows point p, leaving alone the coordinate input being typed in.
   */
  show(text: readonly string[], i: number, p: { x: number; y: number } | undefined): void;
}

export function pointPicker(o: {
  x: AxisInput;
  y: AxisInput;
  /** Step of the coordinate inputs (and of their arrow keys). */
  step: number;
  onPick: (i: number) => void;
  onMove: (axis: 'x' | 'y', v: number) => void;
}): PointPicker {
  const pick = select<string>({ label: 'Punto', options: [], value: '0', onChange: (v) => o.onPick(Number(v)) });
  const px = numberInput({ ...o.x, step: o.step, value: 0, onInput: (v) => o.onMove('x', v) });
  const py = numberInput({ ...o.y, step: o.step, value: 0, onInput: (v) => o.onMove('y', v) });
  let labels = '';
  const show = (text: readonly string[], i: number, p: { x: number; y: number } | undefined): void => {
    if (text.join('|') !== labels) {
      labels = text.join('|');
      pick.input.replaceChildren(...text.map((t, k) => h('option', { value: String(k), text: t })));
    }
    pick.set(String(i));
    const active = document.activeElement;
    if (p && active !== px.input) px.set(p.x);
    if (p && active !== py.input) py.set(p.y);
  };
  return { pick, px, py, show };
}
