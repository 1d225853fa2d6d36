import { existsSync } from 'node:fs';
import { locateChromium } from '../../src/modules/render/browser/chromium-locator.js';

describe('the Chromium locator', () => {
  it('takes the npm headless shell by default, even where a system browser is installed', () => {
    const found = locateChromium(null);
    expect(found.ok).toBe(true);
    if (found.ok) expect(found.install.source).toBe('npm');
  });

  it('takes an installed browser, headless shell first, when CHROMIUM_PATH=system', () => {
    const found = locateChromium('system');
    const installed = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].filter(existsSync);
    if (!installed.length) {
      expect(found.ok).toBe(false);
      return;
    }
    expect(found.ok && found.install.source).toBe('system');
    if (found.ok) expect(found.install.executablePath).toBe(installed[0]);
  });

  it('takes a configured path as it is, and names a missing one', () => {
    const missing = locateChromium('/nowhere/chrome');
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.reason).toContain('/nowhere/chrome');
    const node = locateChromium(process.execPath);
    expect(node.ok && node.install.source).toBe('config');
  });
});
