// How much a widget's work blocks the page's main thread while it runs (used by
// main-thread.bench.mjs; not a benchmark itself: run.mjs only loads *.bench.mjs).
//
// - `cpu`: thread CPU time (ms) of every top-level task on the renderer main thread, from a
//   Chromium trace. This is the work per task and does not grow when the OS gives the CPU to
//   other processes, so it can be held to the 50 ms budget even on a loaded 2-core machine.
// - `maxWall`: the longest task (ms of wall time, Long Tasks API) the page itself saw; it also
//   counts time the process was descheduled, so it is only meaningful when `load` ≤ `cores`.
import { cpus, loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

/** Main-thread RunTask events (the thread that ran the most animation frames), in trace order. */
function mainThreadTasks(events) {
  const frames = new Map();
  for (const e of events) if (e.name === 'FireAnimationFrame') frames.set(`${e.pid}:${e.tid}`, (frames.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  const main = [...frames.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.name === 'RunTask' && e.tdur !== undefined);
}

/** Call before page.goto(): records long tasks (> 50 ms of wall time) from the start. */
export async function watchLongTasks(page) {
  await page.addInitScript(() => {
    window.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__long.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** The longest task (ms) watchLongTasks saw starting at or after `t0` (page time); 0 when none over 50 ms. */
export const longestSince = (page, t0 = 0) =>
  page.evaluate((t) => Math.max(0, ...window.__long.filter((e) => e.start >= t).map((e) => e.duration)), t0);

/**
 * Traces the page while `start()` begins the work (e.g. clicks «Entrenar») and for `ms` of wall
 * time after it. Returns { cpu: ms[], tasks, maxCpu, p95Cpu, maxAt, maxWall, longCount, load, cores }.
 */
export async function measureMainThread(browser, page, start, ms = 3000) {
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  const t0 = await page.evaluate(() => performance.now());
  await start();
  await sleep(ms); // the measuring window itself: this is a benchmark, time is what it measures
  const t1 = await page.evaluate(() => performance.now());
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
  const tasks = mainThreadTasks(trace.traceEvents);
  const cpu = tasks.map((e) => e.tdur / 1000);
  // When the most expensive task ran, in ms after the first measured task.
  const top = tasks.reduce((a, e) => (!a || e.tdur > a.tdur ? e : a), null);
  const maxAt = top && tasks.length ? (top.ts - Math.min(...tasks.map((e) => e.ts))) / 1000 : 0;
  const long = await page.evaluate(([a, b]) => (window.__long ?? []).filter((e) => e.start >= a && e.start <= b), [t0, t1]);
  const sorted = [...cpu].sort((a, b) => a - b);
  return {
    cpu,
    tasks: cpu.length,
    maxCpu: sorted[sorted.length - 1] ?? 0,
    p95Cpu: sorted[Math.floor(0.95 * (sorted.length - 1))] ?? 0,
    maxAt,
    maxWall: Math.max(0, ...long.map((e) => e.duration)),
    longCount: long.length,
    load: loadavg()[0],
    cores: cpus().length,
  };
}
