// Renders the app icons (PNG, as installability requires) from one SVG with the project's Chromium.
// Run once after changing the logo: node scripts/make-icons.js — the PNGs are committed.
import { chromium } from 'playwright-core';
import { writeFileSync } from 'node:fs';

const logo = (size, safe) => {
  const inset = safe ? size * 0.2 : size * 0.14;
  const c = size / 2;
  const r = c - inset;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">
    <rect width="${size}" height="${size}" rx="${safe ? 0 : size * 0.22}" fill="#0f4c81"/>
    <path d="M${c} ${c - r} L${c + r} ${c} L${c} ${c + r} L${c - r} ${c} Z" fill="#7cc4ff"/>
    <path d="M${c} ${c - r * 0.45} L${c + r * 0.45} ${c} L${c} ${c + r * 0.45} L${c - r * 0.45} ${c} Z" fill="#0f4c81"/>
  </svg>`;
};

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
for (const [name, size, safe] of [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['maskable-512.png', 512, true]
]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<body style="margin:0">${logo(size, safe)}</body>`);
  writeFileSync(`static/icons/${name}`, await page.screenshot({ omitBackground: true }));
}
writeFileSync('static/favicon.svg', logo(64, false).replace(/\n\s*/g, ''));
await browser.close();
