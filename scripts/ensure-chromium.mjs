#!/usr/bin/env node
/**
 * The e2e tests drive a real Chromium. Use $CHROMIUM_PATH or Debian's /usr/bin/chromium; when
 * it is missing and we may install packages (root + apt-get), install it; otherwise fail with
 * a message that says how.
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);

const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
if (!canApt) {
  console.error(`Chromium not found at ${path}. Install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium/Chrome binary.`);
  process.exit(1);
}
console.log('Chromium not found: installing Debian\'s chromium package with apt-get…');
try {
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
} catch {
  console.error('apt-get could not install chromium. Install it by hand (apt-get install -y chromium) or set CHROMIUM_PATH.');
  process.exit(1);
}
if (!existsSync(path)) {
  console.error(`chromium was installed but ${path} is still missing; set CHROMIUM_PATH.`);
  process.exit(1);
}
