// Browser tests need a Chromium: fail at once, in one line, when there is none.
import { chromiumPath } from './browser.mjs';

if (!chromiumPath()) {
  console.error('No hay Chromium: instala el de Debian con `sudo apt-get install -y chromium` (o `npx playwright install chromium` donde haya red) y repite `npm test`.');
  process.exit(1);
}
