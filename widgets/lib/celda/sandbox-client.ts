/**
 * The page's side of the cell sandbox: one hidden iframe per page (public/celda/sandbox.html,
 * sandbox="allow-scripts" without allow-same-origin → opaque origin) whose Worker holds the
 * lesson's notebook scope. Jobs (run, check, evaluate) go one at a time in order; each has a
 * time limit after which, like «Detener», the iframe terminates the Worker and starts a fresh
 * one (the page's own thread never runs student code, so it never freezes).
 */
import type { CallResult, CaseCall, FromHost, FromRuntime, OutputItem, RuntimeData, ToHost, ToRuntime } from './protocol';

export type RunEnd = 'ok' | 'error' | 'stopped' | 'timeout';

export interface RunResult {
  end: RunEnd;
  ms: number | null;
  numTensors: number | null;
  numTensorsBefore: number | null;
}

interface Pending {
  runId: number;
  onOutput: (item: OutputItem) => void;
  resolve: (m: FromRuntime | { type: 'aborted'; end: 'stopped' | 'timeout' }) => void;
}

export const SANDBOX_URL = '/celda/sandbox.html';

export class CellSandbox {
  private frame: HTMLIFrameElement | null = null;
  private ready: Promise<void> | null = null;
  private readyResolve: (() => void) | null = null;
  private readyReject: ((e: Error) => void) | null = null;
  private pending: Pending | null = null;
  private nextId = 1;
  private chain: Promise<unknown> = Promise.resolve();
  /** Bumped at every fresh Worker: the notebook scope of older generations is gone. */
  generation = 0;
  backend = '';
  /** numTensors reported by the last ready / done. */
  numTensors = 0;
  onRestart: (() => void) | null = null;

  constructor(private readonly runtimeUrl: string, private readonly loadData: () => Promise<RuntimeData>) {}

  private post(m: ToHost): void {
    this.frame?.contentWindow?.postMessage(m, '*');
  }

  private onMessage = (e: MessageEvent): void => {
    if (!this.frame || e.source !== this.frame.contentWindow) return;
    const m = e.data as FromHost;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'host-ready') {
      void this.loadData().then(
        (data) => this.post({ type: 'start', runtimeUrl: new URL(this.runtimeUrl, location.href).href, data }),
        (err: unknown) => this.readyReject?.(err instanceof Error ? err : new Error(String(err))),
      );
    } else if (m.type === 'host-error') {
      this.readyReject?.(new Error(m.message));
    } else if (m.type === 'from-runtime') {
      const r = m.message;
      if (r.type === 'ready') {
        this.generation++;
        this.backend = r.backend;
        this.numTensors = r.numTensors;
        this.readyResolve?.();
        this.readyResolve = null;
        this.readyReject = null;
        return;
      }
      const p = this.pending;
      if (!p || !('runId' in r) || r.runId !== p.runId) return;
      if (r.type === 'output') p.onOutput(r.item);
      else {
        if (r.type === 'done') this.numTensors = r.numTensors;
        this.pending = null;
        p.resolve(r);
      }
    }
  };

  /** Creates the iframe (once) and resolves when the runtime has loaded tfjs. */
  start(): Promise<void> {
    if (this.ready) return this.ready;
    this.ready = this.waitReady();
    const f = document.createElement('iframe');
    f.src = SANDBOX_URL;
    f.setAttribute('sandbox', 'allow-scripts');
    f.title = 'Entorno aislado donde se ejecutan las celdas';
    f.className = 'celda-sandbox-frame';
    f.setAttribute('aria-hidden', 'true');
    f.tabIndex = -1;
    window.addEventListener('message', this.onMessage);
    document.body.append(f);
    this.frame = f;
    this.ready.catch(() => {
      this.ready = null;
      window.removeEventListener('message', this.onMessage);
      f.remove();
      this.frame = null;
    });
    return this.ready;
  }

  private waitReady(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.readyResolve = resolve;
      this.readyReject = reject;
    });
  }

  /** Kills the running job (if any) and starts a fresh Worker; resolves when it is ready. */
  restart(end: 'stopped' | 'timeout' = 'stopped'): Promise<void> {
    const p = this.pending;
    this.pending = null;
    this.ready = this.waitReady();
    this.post({ type: 'restart' });
    p?.resolve({ type: 'aborted', end });
    this.onRestart?.();
    return this.ready;
  }

  get busy(): boolean {
    return this.pending !== null;
  }

  /** Queues one request; `limitMs` is the wall-clock limit of that job once it starts. */
  private job(message: (runId: number) => ToRuntime, limitMs: number, onOutput: (item: OutputItem) => void): Promise<FromRuntime | { type: 'aborted'; end: 'stopped' | 'timeout' }> {
    const task = this.chain.then(async () => {
      await this.start();
      await this.ready;
      const runId = this.nextId++;
      return new Promise<FromRuntime | { type: 'aborted'; end: 'stopped' | 'timeout' }>((resolve) => {
        const timer = setTimeout(() => {
          if (this.pending?.runId === runId) void this.restart('timeout');
        }, limitMs);
        this.pending = {
          runId, onOutput, resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        };
        this.post({ type: 'send', message: message(runId) });
      });
    });
    this.chain = task.catch(() => undefined);
    return task;
  }

  async run(script: string, declared: string[], limitMs: number, onOutput: (item: OutputItem) => void): Promise<RunResult> {
    const r = await this.job((runId) => ({ type: 'run', runId, script, declared }), limitMs, onOutput);
    if (r.type === 'aborted') return { end: r.end, ms: null, numTensors: null, numTensorsBefore: null };
    if (r.type !== 'done') return { end: 'error', ms: null, numTensors: null, numTensorsBefore: null };
    return { end: r.ok ? 'ok' : 'error', ms: r.ms, numTensors: r.numTensors, numTensorsBefore: r.numTensorsBefore };
  }

  async check(calls: CaseCall[], limitMs: number): Promise<CallResult[] | RunEnd> {
    const r = await this.job((runId) => ({ type: 'check', runId, calls }), limitMs, () => undefined);
    if (r.type === 'aborted') return r.end;
    return r.type === 'checked' ? r.results : 'error';
  }

  async evaluate(name: string, n: number, limitMs: number): Promise<{ accuracy: number | null; error?: string } | RunEnd> {
    const r = await this.job((runId) => ({ type: 'evaluate', runId, name, n }), limitMs, () => undefined);
    if (r.type === 'aborted') return r.end;
    return r.type === 'evaluated' ? { accuracy: r.accuracy, ...(r.error ? { error: r.error } : {}) } : 'error';
  }
}
