import type { Locator, Page } from '@playwright/test';
import { expect, test, widget } from './fixtures';

// Lesson 13: the quantization explorer (real weights of the default model, three schemes,
// 2–8 bits, per tensor / per channel, the notes' 3×4 example) and the pruning explorer
// (magnitude pruning evaluated with tfjs on the 2 000 MNIST test digits, gzip sizes).
const LESSON = '/lecciones/optimizacion-cuantizacion-y-poda/';

test.describe.configure({ timeout: 180_000 });

const num = async (el: Locator, attr: string): Promise<number> => Number(await el.getAttribute(attr));

async function quant(page: Page, query = ''): Promise<Locator> {
  await page.goto(LESSON + query);
  const fig = await widget(page, 'cuantizacion');
  const root = fig.locator('tinyml-quant-explorer');
  await expect(root).toHaveAttribute('data-phase', 'ready', { timeout: 30_000 });
  return root;
}

async function prune(page: Page, query = ''): Promise<Locator> {
  await page.goto(LESSON + query);
  const fig = await widget(page, 'poda');
  const root = fig.locator('tinyml-pruning-explorer');
  await expect(root).toHaveAttribute('data-phase', /ready|evaluating/, { timeout: 90_000 });
  return root;
}

test('cuantización: menos bits, más error y otro histograma; la fórmula y el ejemplo 3×4 siguen al esquema', async ({ page }) => {
  const root = await quant(page);
  await expect(root.locator('.qe-formula .katex').first()).toBeVisible();
  await expect(root.locator('.qe-chart svg')).toHaveCount(1);
  await expect(root.locator('.qe-chart')).toHaveAttribute('aria-label', /^Histograma de los 1152 valores de conv2/);
  // The notes' example with the formula: 9.56 → 255, −4.28 → 0 (not 245, 5, 50, 10).
  await expect(root).toHaveAttribute('data-notes-codes', '255,0,125,43,102,79,22,227,202,14,175,5');
  await expect(root.locator('.qe-notes .qe-q td').first()).toHaveText('255');
  await expect(root.locator('.qe-note').last()).toContainText('245, 5, 50, 10');
  const mse8 = await num(root, 'data-mse');
  const hist8 = await root.getAttribute('data-after-hist');
  const svg8 = await root.locator('.qe-chart').innerHTML();
  await root.getByLabel('Bits por peso').fill('4');
  await expect(root.locator('.qe-formula')).toContainText('15');
  const mse4 = await num(root, 'data-mse');
  expect(mse4).toBeGreaterThan(50 * mse8);
  expect(await root.getAttribute('data-after-hist')).not.toBe(hist8);
  expect(await root.locator('.qe-chart').innerHTML()).not.toBe(svg8);
  expect(await num(root, 'data-used-codes')).toBeLessThanOrEqual(16);
  await root.getByLabel('Bits por peso').fill('2');
  expect(await num(root, 'data-used-codes')).toBeLessThanOrEqual(4);
  expect(await num(root, 'data-after-bins')).toBeLessThanOrEqual(4);
  expect(await num(root, 'data-mse')).toBeGreaterThan(mse4);
  // Scheme switch: symmetric int8 codes of the 3×4 example, and zero comes back exact.
  await root.getByLabel('Bits por peso').fill('8');
  await root.getByLabel('Esquema').selectOption('symmetric');
  await expect(root).toHaveAttribute('data-notes-codes', '127,-57,33,-26,17,0,-41,107,89,-46,69,-53');
  await expect(root.locator('.qe-formula')).toContainText('127');
  await root.getByLabel('Esquema').selectOption('affine');
  await expect(root).toHaveAttribute('data-notes-codes', '127,-128,-3,-85,-26,-49,-106,99,74,-113,47,-123');
  // Per channel beats per tensor at 4 bits on conv2.
  await root.getByLabel('Bits por peso').fill('4');
  const perTensor = await num(root, 'data-mse');
  await root.getByLabel('Parámetros').selectOption('canal');
  await expect(root.locator('.qe-ptable tbody tr')).toHaveCount(16);
  expect(await num(root, 'data-mse')).toBeLessThan(perTensor);
  // Another tensor: the dense layer, 7840 weights; its size in bytes follows the bits.
  await root.getByLabel('Tensor').selectOption('dense');
  await expect(root.locator('.qe-chart')).toHaveAttribute('aria-label', /7840 valores/);
  expect(await num(root, 'data-bytes')).toBe(7840 / 2 + 10 * 12);
  // quantize(x, step) demo.
  await root.getByLabel('paso').fill('0.1');
  await expect(root.locator('.qe-demo-out')).toContainText('= 3,1');
  expect(await num(root, 'data-demo')).toBeCloseTo(3.1, 9);
  await root.getByLabel('paso').fill('1');
  await expect(root.locator('.qe-demo-out')).toHaveText(/= 3$/);
});

test('poda: la exactitud se mide en prueba, se mantiene a media poda y cae a 95 %', async ({ page }) => {
  const root = await prune(page);
  await expect(root).toHaveAttribute('data-sparsity', '50');
  await expect.poll(async () => root.getAttribute('data-acc'), { timeout: 90_000 }).not.toBe('');
  const acc50 = await num(root, 'data-acc');
  expect(acc50).toBeGreaterThan(0.95);
  await expect(root.locator('.pe-hist svg')).toHaveCount(1);
  await expect(root.locator('.pe-hist')).toHaveAttribute('aria-label', /^Histograma de los 7840 pesos de densa: 3920/);
  expect(await num(root, 'data-zeros')).toBe(36 + 576 + 3920);
  expect(await num(root, 'data-threshold')).toBeGreaterThan(0);
  await expect(root).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
  const tensors = await num(root, 'data-num-tensors');
  // Unpruned: the default model's 97.35 % (any backend: within 0.3 point).
  await root.getByRole('slider', { name: 'Pesos podados' }).fill('0');
  await expect.poll(async () => root.getAttribute('data-acc'), { timeout: 60_000 }).not.toBe('');
  expect(Math.abs((await num(root, 'data-acc')) - 0.9735)).toBeLessThan(0.003);
  await expect.poll(async () => root.getAttribute('data-gz32'), { timeout: 30_000 }).not.toBe('');
  const gz0 = await num(root, 'data-gz32');
  await root.getByRole('slider', { name: 'Pesos podados' }).fill('95');
  await expect.poll(async () => root.getAttribute('data-acc'), { timeout: 60_000 }).not.toBe('');
  const acc95 = await num(root, 'data-acc');
  expect(acc95).toBeLessThan(acc50 - 0.1);
  expect(await num(root, 'data-gz32')).toBeLessThan(0.4 * gz0);
  await expect(root.locator('.pe-readout')).toContainText('36\u202f392 B');
  // Global mode: one threshold, evaluated again.
  await root.getByLabel('Cómo se elige el umbral').selectOption('global');
  await expect.poll(async () => root.getAttribute('data-acc'), { timeout: 60_000 }).not.toBe('');
  await expect(root).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
  expect(await num(root, 'data-num-tensors')).toBe(tensors);
});

test('poda: la curva global completa se calcula, se puede detener y cae al final', async ({ page }) => {
  const root = await prune(page, '?w-poda=mode:global;sparsity:0');
  await expect(root).toHaveAttribute('data-phase', 'ready', { timeout: 90_000 });
  // Start and stop: the widget goes back to ready with fewer than 20 points.
  await root.getByRole('button', { name: 'Calcular toda la curva' }).click();
  await expect(root).toHaveAttribute('data-phase', 'evaluating');
  await root.getByRole('button', { name: 'Detener' }).click();
  await expect(root).toHaveAttribute('data-phase', 'ready', { timeout: 30_000 });
  expect(await num(root, 'data-acc-points')).toBeLessThan(20);
  await root.getByRole('button', { name: 'Calcular toda la curva' }).click();
  await expect.poll(async () => num(root, 'data-acc-points'), { timeout: 150_000, intervals: [500] }).toBe(20);
  const label = (await root.locator('.pe-acc').getAttribute('aria-label')) ?? '';
  const accs = [...label.matchAll(/(\d+) %: ([\d,]+) %/g)].map((m) => [Number(m[1]), Number(m[2]!.replace(',', '.'))] as const);
  expect(accs).toHaveLength(20);
  console.log(`curva global: ${accs.map(([p, a]) => `${p}:${a}`).join(' ')}`);
  expect(accs[0]![1]).toBeGreaterThan(96.5);
  expect(accs[19]![1]).toBeLessThan(accs[0]![1] - 20);
  await expect(root.locator('.pe-size')).toHaveAttribute('aria-label', /36\u202f392 B guardados en float32/);
});
