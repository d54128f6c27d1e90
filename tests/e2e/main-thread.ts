import { cpus, loadavg } from 'node:os';
import type { Browser, Page } from '@playwright/test';

/**
 * Measures how much a widget's work blocks the page's main thread while it runs.
 *
 * - `cpu`: thread CPU time (ms) of every top-level task on the renderer main thread, from a
 *   Chromium trace. This is the work per task, and does not grow when the OS gives the CPU to
 *   other processes, so it can be held to issue 3's 50 ms budget even on a loaded 2-core machine.
 * - `maxWall`: the longest task (ms of wall time, Long Tasks API) the page itself saw; it also
 *   counts time the process was descheduled, so it is only meaningful when `load` ≤ `cores`.
 *
 * `start` begins the work (e.g. clicks "Entrenar"); the measurement then lasts `ms`.
 */
export interface MainThreadReport {
  cpu: number[];
  maxCpu: number;
  p95Cpu: number;
  maxWall: number;
  longCount: number;
  load: number;
  cores: number;
  /** One Spanish line for logs and test annotations. */
  note: string;
}

interface TraceEvent { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number }

/** Main-thread RunTask events (the thread that ran the most animation frames), in trace order. */
function mainThreadTasks(events: TraceEvent[]): TraceEvent[] {
  const frames = new Map<string, number>();
  for (const e of events) if (e.name === 'FireAnimationFrame') frames.set(`${e.pid}:${e.tid}`, (frames.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  const main = [...frames.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.name === 'RunTask' && e.tdur !== undefined);
}

/** Thread CPU time (ms) of every RunTask on the thread that ran the most animation frames. */
export function mainThreadTaskCpu(events: TraceEvent[]): number[] {
  return mainThreadTasks(events).map((e) => e.tdur! / 1000);
}

/** Call before page.goto(): records long tasks from the start. */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __long: { start: number; duration: number }[] };
    w.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

export async function measureMainThread(browser: Browser, page: Page, start: () => Promise<void>, ms = 3000): Promise<MainThreadReport> {
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  const t0 = await page.evaluate(() => performance.now());
  await start();
  await page.waitForTimeout(ms);
  const t1 = await page.evaluate(() => performance.now());
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
  const tasks = mainThreadTasks(trace.traceEvents);
  const cpu = tasks.map((e) => e.tdur! / 1000);
  // When the most expensive task ran, in ms after the first measured task (to tell a click
  // handler at ~0 from a redraw in the middle or at the end of a run).
  const top = tasks.reduce<TraceEvent | null>((a, e) => (!a || e.tdur! > a.tdur! ? e : a), null);
  const maxAt = top && tasks.length ? (top.ts - Math.min(...tasks.map((e) => e.ts))) / 1000 : 0;
  const long = await page.evaluate(([a, b]) =>
    ((window as unknown as { __long?: { start: number; duration: number }[] }).__long ?? []).filter((e) => e.start >= a! && e.start <= b!), [t0, t1]);
  const sorted = [...cpu].sort((a, b) => a - b);
  const maxCpu = sorted[sorted.length - 1] ?? 0;
  const p95Cpu = sorted[Math.floor(0.95 * (sorted.length - 1))] ?? 0;
  const maxWall = Math.max(0, ...long.map((e) => e.duration));
  const load = loadavg()[0]!;
  const cores = cpus().length;
  const note = `${(ms / 1000).toFixed(0)} s: ${cpu.length} tareas, percentil 95 ${p95Cpu.toFixed(1)} ms y la más cara ${maxCpu.toFixed(1)} ms de CPU (a los ${maxAt.toFixed(0)} ms); ` +
    `${long.length} tareas de más de 50 ms de reloj, máximo ${maxWall.toFixed(0)} ms (carga ${load.toFixed(1)} con ${cores} CPU)`;
  return { cpu, maxCpu, p95Cpu, maxWall, longCount: long.length, load, cores, note };
}
