/**
 * Issue 15, items 3 and 4: lesson 12's «La energía de una decisión» (MACs, µJ and CR2032 days of
 * the default model, equal to the core's numbers; a pasted board time replaces the int8 estimate)
 * and lesson 13's int8-scaling sweep on a small ladder given in the URL (runs to
 * data-phase="hecho"; a longer one cancels), each widget axe-clean.
 */
import { axeViolations, expect, test, widget } from './fixtures';
import { constantsFor, decisionFromMacs, decisionFromTime } from '../../widgets/decision-energy/core';
import { sizeOf } from '../../widgets/int8-scaling/core';

const MACS = 290080;

test.describe('La energía de una decisión (lección 12)', () => {
  test('MAC, µJ y días del modelo por defecto; la medida pegada sustituye a la estimación', async ({ page }) => {
    await page.goto('/lecciones/tensorflow-lite/');
    const fig = await widget(page, 'energia-decision');
    const el = fig.locator('tinyml-decision-energy');
    await expect(el).toHaveAttribute('data-phase', 'listo', { timeout: 60_000 });
    await expect(el).toHaveAttribute('data-source', 'defecto');
    await expect(el).toHaveAttribute('data-macs', String(MACS));
    const k = constantsFor('on');
    const int8 = decisionFromMacs(MACS, 3, 1, k);
    const fp32 = decisionFromMacs(MACS, 8, 1, k);
    const num = async (key: string): Promise<number> => Number(await el.getAttribute(`data-${key}`));
    expect(await num('uj-int8')).toBeCloseTo(int8.microjoules, 9);
    expect(await num('days-int8')).toBeCloseTo(int8.days, 9);
    expect(await num('uj-fp32')).toBeCloseTo(fp32.microjoules, 9);
    expect(await num('days-fp32')).toBeCloseTo(fp32.days, 9);
    const rows = el.locator('table').filter({ hasText: 'Con una CR2032' }).locator('tbody tr');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText('134,6 µJ');
    await expect(rows.nth(1)).toContainText('156 días');
    await expect(el.locator('tfoot')).toContainText('290\u202f080');
    await expect(el.locator('tr[data-status="supuesto"]').first()).toContainText('Suposición');
    await expect(el).toContainText('Lai, Suda y Chandra');

    const field = el.getByLabel('Tiempo de inferencia medido en tu placa (sketch de la lección 12)');
    await field.fill('13582');
    await el.getByRole('button', { name: 'Usar esta medida' }).click();
    await expect(el.locator('.de-paste-msg')).toContainText('Falta la unidad');
    await expect(el).not.toHaveAttribute('data-uj-measured');
    await field.fill('Clase: 7  (inferencia: 20000 us)');
    await el.getByRole('button', { name: 'Usar esta medida' }).click();
    const measured = decisionFromTime(0.02, 1, k);
    await expect(el).toHaveAttribute('data-uj-measured', String(measured.microjoules));
    expect(await num('days-measured')).toBeCloseTo(measured.days, 9);
    await expect(rows).toHaveCount(3);
    await expect(el.locator('tr[data-row="medido"]')).toContainText('20 ms');
    await expect(el.locator('tr[data-row="medido"]')).toContainText('198 µJ');
    await expect(el.locator('.de-compare')).toContainText('Tu placa tarda 20 ms; la estimación int8 decía 13,6 ms');

    // One decision per minute: the duty cycle falls and the days grow, through the same math.
    const slider = el.getByLabel('Una decisión cada');
    await slider.fill('8');
    await expect(el.locator('.ctl-value')).toHaveText('1 min');
    expect(await num('days-int8')).toBeCloseTo(decisionFromMacs(MACS, 3, 60, k).days, 9);
    expect(await violations(page)).toEqual([]);
  });
});

async function violations(page: import('@playwright/test').Page, id = 'energia-decision'): Promise<string[]> {
  return axeViolations(page, [`figure#${id}`]);
}

test.describe('int8 frente a float32 cuando el modelo crece (lección 13)', () => {
  test.setTimeout(120_000);

  test('un barrido corto llega a «hecho»; uno largo se cancela y conserva lo medido', async ({ page }) => {
    await page.goto('/lecciones/optimizacion-cuantizacion-y-poda/?w-int8-crece=widths:1,2');
    const fig = await widget(page, 'int8-crece');
    const el = fig.locator('tinyml-int8-scaling');
    await expect(el).toHaveAttribute('data-phase', 'listo');
    await expect(el.locator('.is-ladder')).toContainText('de 9\u202f098 a 20\u202f490 parámetros');
    await el.getByRole('button', { name: 'Convertir y medir' }).click();
    await expect(el).toHaveAttribute('data-phase', 'hecho', { timeout: 90_000 });
    await expect(el).toHaveAttribute('data-points', '2');
    await expect(el).toHaveAttribute('data-engines', 'si');
    const size = (await el.getAttribute('data-size-ratios'))!.split(',').map(Number);
    expect(size[0]).toBeGreaterThan(0.25);
    expect(size[0]).toBeLessThan(0.4);
    expect(size[1]).toBeLessThan(size[0]!);
    const lat = (await el.getAttribute('data-lat-ratios'))!.split(',').map(Number);
    for (const r of lat) expect(r).toBeGreaterThan(0);
    expect(Number(await el.getAttribute('data-agree-min'))).toBeGreaterThanOrEqual(0.75);
    const rows = el.locator('table.is-table tbody tr');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText(`${sizeOf(2).params.toLocaleString('es-ES').replace('.', '\u202f')}`);
    await expect(el.locator('.is-chart-box').first()).toHaveAttribute('aria-label', /9\u202f098 parámetros: 0,3\d\d/);
    await expect(el.locator('.is-summary')).toContainText('Una recta por tus puntos');
    await expect(el.getByRole('button', { name: 'Cancelar' })).toBeDisabled();
    expect(await violations(page, 'int8-crece')).toEqual([]);

    // A ladder ending in ×14 (≈ 337 000 parameters) is long: cancel once the first point is in.
    await page.goto('/lecciones/optimizacion-cuantizacion-y-poda/?w-int8-crece=widths:1,14');
    const el2 = (await widget(page, 'int8-crece')).locator('tinyml-int8-scaling');
    await el2.getByRole('button', { name: 'Convertir y medir' }).click();
    await expect(el2).toHaveAttribute('data-points', '1', { timeout: 60_000 });
    await el2.getByRole('button', { name: 'Cancelar' }).click();
    await expect(el2).toHaveAttribute('data-phase', 'cancelado', { timeout: 30_000 });
    await expect(el2).toHaveAttribute('data-points', '1');
    await expect(el2.getByRole('button', { name: 'Convertir y medir' })).toBeEnabled();
  });
});
