/**
 * Saving a file the page made (DOM; views only): a Blob behind an object URL, clicked through a
 * hidden <a download>, and the URL revoked once the browser has taken the file.
 */
import { h } from '../lib/widget/dom';

export function downloadBytes(data: Uint8Array | string, name: string, type = 'application/octet-stream'): void {
  const part: BlobPart = typeof data === 'string' ? data : new Uint8Array(data);
  const url = URL.createObjectURL(new Blob([part], { type }));
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  // The download starts asynchronously; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
