import { expect, test, widget } from './fixtures';

// The widget contract (Widget.astro + widget-loader + WidgetElement), exercised on the
// battery-life calculator of lesson 01.
const LESSON = '/lecciones/que-es-tinyml/';

test('el widget responde a sus controles', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, 'autonomia');
  const result = fig.locator('.bl-result');
  const before = await result.innerText();
  await fig.getByLabel('Ciclo de trabajo (tiempo trabajando)').fill('50');
  await expect(result).not.toHaveText(before);
  await fig.getByLabel('Dispositivo').selectOption('ndp100');
  await expect(result).toContainText('meses');
});

test('compartir copia un enlace que reabre el widget tal cual', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(LESSON);
  const fig = await widget(page, 'autonomia');
  await fig.getByLabel('Batería', { exact: true }).selectOption('aa2');
  await fig.getByLabel('Ciclo de trabajo (tiempo trabajando)').fill('25');
  const shown = await fig.locator('.bl-result').innerText();
  await fig.getByRole('button', { name: 'Compartir' }).click();
  await expect(fig.locator('[data-widget-status]')).toContainText('Enlace copiado');
  const url = await page.evaluate(() => navigator.clipboard.readText());
  expect(url).toContain('w-autonomia=');
  const other = await context.newPage();
  await other.goto(url);
  const fig2 = await widget(other, 'autonomia');
  await expect(fig2.getByLabel('Batería', { exact: true })).toHaveValue('aa2');
  await expect(fig2.locator('.bl-result')).toHaveText(shown);
  await other.close();
});

test('un enlace con estado roto abre los valores por defecto y dice qué campos ignoró', async ({ page }) => {
  await page.goto(`${LESSON}?w-autonomia=battery:xx;dutyPct:abc;usablePct:80;;:::`);
  const fig = await widget(page, 'autonomia');
  await expect(fig.getByLabel('Batería', { exact: true })).toHaveValue('cr2032');
  const notice = fig.locator('[data-widget-notice]');
  await expect(notice).toHaveCount(1);
  await expect(notice).toHaveAttribute('role', 'status');
  await expect(notice).toContainText('se han ignorado: «battery», «dutyPct» y «::»');
  await expect(notice).not.toContainText('usablePct'); // a valid field is used, not reported
  await notice.getByRole('button', { name: 'Entendido' }).click();
  await expect(notice).toHaveCount(0);
});

test('un enlace correcto no muestra ningún aviso', async ({ page }) => {
  await page.goto(`${LESSON}?w-autonomia=battery:aa2`);
  const fig = await widget(page, 'autonomia');
  await expect(fig.getByLabel('Batería', { exact: true })).toHaveValue('aa2');
  await expect(fig.locator('[data-widget-notice]')).toHaveCount(0);
});

type Host = HTMLElement & { setState(p: object): void; getState(): Record<string, unknown> };

test('setState rechaza un estado que el enlace no podría reabrir', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, 'autonomia');
  const el = fig.locator('tinyml-battery-life');
  const shown = await fig.locator('.bl-result').innerText();
  const before = await el.evaluate((e) => (e as Host).getState());
  for (const patch of [{ dutyPct: 500 }, { battery: 'nope' }, { dutyPct: Number.NaN }, { colour: 1 }, { dutyPct: 10, battery: 'nope' }]) {
    const after = await el.evaluate((e, p) => {
      (e as Host).setState(p);
      return (e as Host).getState();
    }, patch);
    expect(after, JSON.stringify(patch)).toEqual(before);
  }
  await expect(fig.locator('.bl-result')).toHaveText(shown);
  await expect(fig).toHaveAttribute('data-state', 'ready');
  await el.evaluate((e) => (e as Host).setState({ dutyPct: 10 }));
  expect(await el.evaluate((e) => (e as Host).getState().dutyPct)).toBe(10);
});

test('un widget que falla muestra el error y se puede reintentar', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, 'autonomia');
  // This instance's update() throws (setState now refuses the out-of-range states that did it).
  await fig.locator('tinyml-battery-life').evaluate((el) => {
    (el as unknown as { update(): void }).update = () => {
      throw new RangeError('fallo de prueba');
    };
    (el as Host).setState({ dutyPct: 30 });
  });
  await expect(fig.getByRole('alert')).toContainText('Esta demostración ha fallado (fallo de prueba)');
  await expect(page.locator('h1')).toBeVisible();
  await fig.getByRole('button', { name: 'Reintentar' }).click();
  await expect(fig).toHaveAttribute('data-state', 'ready');
  await expect(fig.locator('.bl-result')).toContainText('funcionaría');
});

test('quitar y volver a insertar un widget no duplica su interfaz y conserva su estado', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, 'autonomia');
  await fig.getByLabel('Batería', { exact: true }).selectOption('aa2');
  await fig.getByLabel('Ciclo de trabajo (tiempo trabajando)').fill('25');
  const shown = await fig.locator('.bl-result').innerText();
  const el = fig.locator('tinyml-battery-life');
  const count = () => el.evaluate((e) => e.querySelectorAll('*').length);
  const nodes = await count();
  const state = await el.evaluate((e) => (e as Host).getState());
  for (let i = 0; i < 2; i++) {
    await el.evaluate((e) => {
      const parent = e.parentElement!;
      e.remove();
      parent.append(e);
    });
    expect(await count()).toBe(nodes);
    await expect(fig.getByLabel('Batería', { exact: true })).toHaveCount(1);
    await expect(fig.locator('.bl-result')).toHaveCount(1);
  }
  expect(await el.evaluate((e) => (e as Host).getState())).toEqual(state);
  await expect(fig.getByLabel('Batería', { exact: true })).toHaveValue('aa2');
  await expect(fig.locator('.bl-result')).toHaveText(shown);
  // The rebuilt controls still drive the widget.
  await fig.getByLabel('Ciclo de trabajo (tiempo trabajando)').fill('50');
  await expect(fig.locator('.bl-result')).not.toHaveText(shown);
});

test('quitar y volver a insertar un widget con tfjs devuelve sus tensores y conserva su estado', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/lecciones/optimizacion-cuantizacion-y-poda/?w-poda=sparsity:50');
  const fig = await widget(page, 'poda');
  const el = fig.locator('tinyml-pruning-explorer');
  await expect(el).toHaveAttribute('data-num-tensors', /\d+/, { timeout: 120_000 });
  await expect(el).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
  // tfjs keeps its engine on the global object (no `tf` global).
  type Parked = { __w: Element; __p: Element; _tfengine: { memory(): { numTensors: number } } };
  const tensors = () => page.evaluate(() => (globalThis as unknown as Parked)._tfengine.memory().numTensors);
  const count = () => el.evaluate((e) => e.querySelectorAll('*').length);
  const before = await tensors();
  const nodes = await count();
  const state = await el.evaluate((e) => (e as Host).getState());
  const readout = await el.locator('.pe-readout').innerText();
  const removed = await el.evaluate((e) => {
    const g = globalThis as unknown as Parked;
    g.__w = e;
    g.__p = e.parentElement!;
    e.remove();
    return g._tfengine.memory().numTensors;
  });
  expect(removed, 'a removed widget releases its tensors').toBeLessThan(before);
  await page.evaluate(() => {
    const g = globalThis as unknown as Parked;
    g.__p.append(g.__w);
  });
  await expect(el).toHaveAttribute('data-phase', 'ready', { timeout: 120_000 });
  expect(await count()).toBe(nodes);
  await expect(el.getByRole('slider', { name: 'Pesos podados' })).toHaveCount(1);
  expect(await el.evaluate((e) => (e as Host).getState())).toEqual(state);
  await expect(el.getByRole('slider', { name: 'Pesos podados' })).toHaveValue('50');
  await expect(el.locator('.pe-readout')).toHaveText(readout);
  expect(await tensors()).toBe(before);
});

test('restablecer vuelve a los valores iniciales', async ({ page }) => {
  await page.goto(LESSON);
  const fig = await widget(page, 'autonomia');
  await fig.getByLabel('Batería', { exact: true }).selectOption('lipo');
  await fig.getByRole('button', { name: 'Restablecer' }).click();
  await expect(fig.getByLabel('Batería', { exact: true })).toHaveValue('cr2032');
});
