/**
 * The converter's .tflite files in the real web runtime (LiteRT.js, wasm/XNNPACK), driven through
 * the test-only page /pruebas/litert/ (noindex, unlinked), which converts the shipped default CNN
 * in the browser (calibrated on 200 training digits) and exposes window.__litertTest.
 * The fixtures fail any test that logs a console error or asks another origin for anything.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

type Harness = {
  fp32VsTfjs(n: number): Promise<{ maxDiff: number; n: number }>;
  int8VsReference(n: number): Promise<{ maxSteps: number; argmaxAgree: number; n: number; hist: Record<string, number> }>;
  int8LayersVsReference(n: number): Promise<{ layer: string; maxSteps: number; digitsWithDiff: number }[]>;
  accuracy(n?: number): Promise<{ fp32: number; int8: number; n: number }>;
  sizes(): Promise<{ fp32: number; int8: number; int8io: number }>;
  int8ioRefused(): Promise<string>;
  webgpu(): Promise<boolean>;
  smoke(): Promise<{ predicted: number; label: number; logLines: number }>;
};

async function open(page: Page): Promise<void> {
  await page.goto('/pruebas/litert/');
  await expect(page.locator('body')).toHaveAttribute('data-ready', '1');
}

function call<K extends keyof Harness>(page: Page, name: K, ...args: Parameters<Harness[K]>): Promise<Awaited<ReturnType<Harness[K]>>> {
  return page.evaluate(
    ([n, a]) => (window as unknown as { __litertTest: Record<string, (...x: unknown[]) => Promise<unknown>> }).__litertTest[n as string]!(...(a as unknown[])),
    [name, args] as const,
  ) as Promise<Awaited<ReturnType<Harness[K]>>>;
}

test.describe('LiteRT.js con los modelos convertidos', () => {
  test.setTimeout(180_000);

  test('la página de pruebas no se indexa y el runtime se sirve desde nuestro origen', async ({ page }) => {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await open(page);
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
    // Nothing of LiteRT.js is fetched until a model runs.
    expect(requests.some((p) => p.startsWith('/litert/'))).toBe(false);
    // The int8-I/O file (for the microcontroller) is refused before the runtime is even loaded.
    expect(await call(page, 'int8ioRefused')).toMatch(/«entrada» es int8; aquí solo se ejecutan modelos con entrada y salida float32/);
    expect(requests.some((p) => p.startsWith('/litert/'))).toBe(false);
    expect(typeof (await call(page, 'webgpu'))).toBe('boolean');
    const r = await call(page, 'smoke');
    expect(r.predicted).toBe(r.label);
    // The runtime's own log went to runtimeLog() (and console.debug), not to console.error.
    expect(r.logLines).toBeGreaterThan(0);
    expect(requests).toContain('/litert/litert_wasm_internal.js');
    expect(requests).toContain('/litert/litert_wasm_internal.wasm');
  });

  test('el .tflite float32 da lo mismo que tfjs (|diferencia| < 1e-4)', async ({ page }) => {
    await open(page);
    const r = await call(page, 'fp32VsTfjs', 50);
    expect(r.n).toBe(50);
    expect(r.maxDiff).toBeLessThan(1e-4);
  });

  test('el .tflite int8 da lo mismo que la referencia int8 en TypeScript (±1 paso)', async ({ page }) => {
    await open(page);
    const r = await call(page, 'int8VsReference', 200);
    expect(r.maxSteps, JSON.stringify(r.hist)).toBeLessThanOrEqual(1);
    expect(r.argmaxAgree).toBeGreaterThanOrEqual(199);
  });

  test('capa a capa, el int8 de LiteRT y la referencia difieren a lo sumo en 1 paso', async ({ page }) => {
    await open(page);
    const layers = await call(page, 'int8LayersVsReference', 60);
    expect(layers.map((l) => l.layer)).toEqual(['conv1', 'pool1', 'conv2', 'pool2', 'flatten', 'output', 'output/softmax']);
    for (const l of layers) expect(l.maxSteps, l.layer).toBeLessThanOrEqual(1);
  });

  test('la exactitud int8 queda a menos de 1 punto de la float32 (500 dígitos de prueba)', async ({ page }) => {
    await open(page);
    const r = await call(page, 'accuracy', 500);
    expect(r.n).toBe(500);
    expect(r.fp32).toBeGreaterThan(0.9);
    expect(Math.abs(r.fp32 - r.int8)).toBeLessThanOrEqual(0.01);
    const s = await call(page, 'sizes');
    expect(s.int8 / s.fp32).toBeLessThan(0.4);
  });
});
