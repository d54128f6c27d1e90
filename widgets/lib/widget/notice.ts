import { ignoredNotice } from '../state/check';
import { button, h } from './dom';
import './notice.css';

/**
 * Browser adapter: the small notice a widget shows when its shared link carried fields that
 * were ignored (see `sharedLinkIssues` in lib/state/check.ts). «Entendido» removes it and
 * calls `onDismiss`.
 */
export function ignoredLinkNotice(issues: readonly { key: string; value: string }[], onDismiss: () => void): HTMLElement {
  const box = h('div', { class: 'widget-notice', role: 'status', 'data-widget-notice': '' }, h('p', { text: ignoredNotice(issues) }));
  box.append(button('Entendido', () => {
    box.remove();
    onDismiss();
  }, { class: 'btn btn-quiet' }));
  return box;
}
