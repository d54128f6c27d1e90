import { axeViolations, expect, test, widget } from './fixtures';
import { computePass, initialWeights, num, sampleIndex } from '../../widgets/backprop-steps/core';

// Lesson 06, section «Retropropagación»: the backprop-steps widget.
const LESSON = '/lecciones/descenso-de-gradiente/';
const ID = 'retropropagacion';

test('retropropagación: nueve pasos con botones y flechas; los números son los del núcleo; «Otra vez» baja la pérdida', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, ID);
  const root = fig.locator('tinyml-backprop-steps');
  await expect(root).toHaveAttribute('data-stage', '1');

  // The default state: sample (0, 1), α = 0,5, seed 1, initial weights.
  const q = computePass(initialWeights(1), sampleIndex('01'), 0.5);
  await expect(fig.locator('[data-q="x-1"]')).toHaveText(`x₂ = ${num(q.x[1])}`);

  const next = fig.getByRole('button', { name: 'Paso siguiente' });
  const prev = fig.getByRole('button', { name: 'Paso anterior' });
  for (let s = 2; s <= 9; s++) {
    await next.click();
    await expect(root).toHaveAttribute('data-stage', String(s));
    await expect(fig.locator('.bp-title')).toContainText(`Paso ${s} de 9`);
  }
  await expect(next).toBeDisabled();
  // Numbers on the diagram equal the pure core's.
  await expect(fig.locator('[data-q="yhat"]')).toHaveText(`ŷ = ${num(q.yhat)}`);
  await expect(fig.locator('[data-q="d2"]')).toHaveText(`δ = ${num(q.delta2)}`);
  await expect(fig.locator('[data-q="gW1-1"]')).toHaveText(`∂L/∂w₁₂ = ${num(q.gW1[1]!)}`);
  await expect(fig.locator('[data-q="loss"]')).toHaveText(`L = ${num(q.loss)}`);
  await expect(fig.locator('.bp-formula')).toContainText(`antes ${num(q.loss)}, con los pesos nuevos ${num(q.lossAfter)}`);
  await expect(fig.locator('.bp-plot')).toHaveAttribute('aria-label', /Paso 9 de 9/);

  // Back with the button, then with the keys on the focused diagram.
  await prev.click();
  await expect(root).toHaveAttribute('data-stage', '8');
  await fig.locator('.bp-plot').focus();
  for (let s = 7; s >= 1; s--) {
    await page.keyboard.press('ArrowLeft');
    await expect(root).toHaveAttribute('data-stage', String(s));
  }
  await expect(prev).toBeDisabled();
  for (let s = 2; s <= 9; s++) {
    await page.keyboard.press('ArrowRight');
    await expect(root).toHaveAttribute('data-stage', String(s));
  }

  // «Otra vez»: the same sample with the updated weights; the displayed loss goes down.
  const lossNow = fig.locator('.bp-loss-now');
  await expect(lossNow).toHaveText(num(q.loss));
  await fig.getByRole('button', { name: 'Otra vez' }).click();
  await expect(root).toHaveAttribute('data-stage', '1');
  await expect(lossNow).toHaveText(num(q.lossAfter));
  await expect(fig.locator('.bp-loss-start')).toHaveText(num(q.loss));
  expect(q.lossAfter).toBeLessThan(q.loss);

  expect(await axeViolations(page, [`figure#${ID}`])).toEqual([]);
});
