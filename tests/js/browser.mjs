// Starting headless Chromium (Debian's, through playwright-core: no browser download) and the
// static server, for the browser tests.
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import { root } from './helpers.mjs';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** A browser, a server of the repository with `pages`, and a way to open pages that records errors. */
export async function launch(pages = {}) {
  const server = await startServer({ root, pages });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  async function open(path, viewport = { width: 1280, height: 800 }) {
    const page = await browser.newPage({ viewport });
    const errors = [];
    page.on('console', (message) => {
      // Failed loads are reported below with their URL.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url + path);
    return { page, errors };
  }
  return {
    server,
    browser,
    open,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
