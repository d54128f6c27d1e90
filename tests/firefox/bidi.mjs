// A minimal WebDriver BiDi client for Firefox (no dependency: Node's global WebSocket).
// `launchFirefox()` starts a headless Firefox with a fresh profile and returns a session that
// sends BiDi commands (`send(method, params)`) and emits BiDi events (`on(method, fn)`).
// puppeteer-core would do the same; it is not installed here, and this is all the smoke pass needs.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Preferences for a quiet, offline test profile (no first-run pages, updates or telemetry). */
const PREFS = {
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'browser.startup.page': 0,
  'browser.aboutwelcome.enabled': false,
  'browser.tabs.warnOnClose': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  'toolkit.telemetry.enabled': false,
  'app.update.disabledForTesting': true,
  'app.normandy.enabled': false,
  'extensions.update.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'browser.newtabpage.enabled': false,
  'intl.accept_languages': 'es-ES, es',
  'remote.prefs.recommended': true,
  // Like the Chromium specs (fixtures.ts: serviceWorkers 'block'): these passes check pages and
  // widgets, not the offline worker (tests/e2e/offline.spec.ts does, in Chromium). With it on, the
  // fast walk over every page logged «A ServiceWorker intercepted the request and encountered an
  // unexpected error» for heavy files, most likely fetches cut short by the next navigation: lesson
  // 10 visited on its own with the worker on gives no error.
  'dom.serviceWorkers.enabled': false,
};

/** The Firefox binary: $FIREFOX_BIN, else firefox-esr or firefox on the PATH. */
export function findFirefox() {
  if (process.env.FIREFOX_BIN) return process.env.FIREFOX_BIN;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of ['firefox-esr', 'firefox']) {
      const p = join(dir, name);
      if (existsSync(p)) return p;
    }
  }
  throw new Error('No se encuentra Firefox: instala firefox-esr (apt-get install -y firefox-esr) o define FIREFOX_BIN.');
}

/**
 * Starts Firefox and opens a BiDi session. `width`/`height` in CSS px; `serviceWorkers: true` turns
 * the offline worker on (tests/firefox/offline.mjs). Returns { send, on, close, version }.
 */
export async function launchFirefox({ width = 1280, height = 900, serviceWorkers = false } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'tinyml-firefox-'));
  const prefs = { ...PREFS, 'dom.serviceWorkers.enabled': serviceWorkers };
  writeFileSync(join(profile, 'user.js'), Object.entries(prefs).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`).join('\n'));
  const proc = spawn(findFirefox(), [
    '--headless', '--no-remote', '--profile', profile, '--remote-debugging-port=0',
    `--width=${width}`, `--height=${height}`, 'about:blank',
  ], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1' } });
  let log = '';
  const wsUrl = await new Promise((resolve, reject) => {
    const onData = (chunk) => {
      log += chunk.toString();
      const m = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(log);
      if (m) resolve(m[1]);
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.on('exit', (code) => reject(new Error(`Firefox terminó (código ${code}) antes de abrir WebDriver BiDi:\n${log.slice(-2000)}`)));
  });
  proc.stdout.removeAllListeners('data');
  proc.stderr.removeAllListeners('data');
  proc.stdout.resume();
  proc.stderr.resume();

  const ws = new WebSocket(`${wsUrl.replace(/\/$/, '')}/session`);
  await new Promise((resolve, reject) => {
    ws.addEventListener('open', resolve, { once: true });
    ws.addEventListener('error', () => reject(new Error(`No se pudo conectar con ${wsUrl}`)), { once: true });
  });
  let nextId = 1;
  const pending = new Map();
  const listeners = new Map();
  ws.addEventListener('message', (ev) => {
    const msg = JSON.parse(String(ev.data));
    if (msg.id !== undefined && pending.has(msg.id)) {
      const { resolve, reject, method } = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.type === 'error') reject(new Error(`${method}: ${msg.error}: ${msg.message}`));
      else resolve(msg.result);
    } else if (msg.type === 'event') {
      for (const fn of listeners.get(msg.method) ?? []) fn(msg.params);
    }
  });
  const send = (method, params = {}) => new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject, method });
    ws.send(JSON.stringify({ id, method, params }));
  });
  const on = (method, fn) => {
    if (!listeners.has(method)) listeners.set(method, []);
    listeners.get(method).push(fn);
  };
  const session = await send('session.new', { capabilities: { alwaysMatch: { acceptInsecureCerts: true } } });
  const close = async () => {
    try {
      await send('browser.close');
    } catch {
      /* already gone */
    }
    ws.close();
    if (proc.exitCode === null) {
      await new Promise((resolve) => {
        proc.once('exit', resolve);
        proc.kill('SIGTERM');
      });
    }
    rmSync(profile, { recursive: true, force: true });
  };
  return { send, on, close, version: `${session.capabilities.browserName} ${session.capabilities.browserVersion}` };
}
