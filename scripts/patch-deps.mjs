#!/usr/bin/env node
// Applies the patches in patches/ to installed dependencies, then rebuilds each patched
// native addon (npm's `postinstall`, so a plain `npm ci` gives the patched build).
//
// patches/<package>+<version>.patch is a unified diff against that exact version (the
// patch-package naming). The one patch today, hnswlib-node+3.0.0.patch, lets
// HierarchicalNSW.addPoint take a Float32Array; its upstream proposal
// (yoshoku/hnswlib-node#365) is not released. Why not patch-package: it cannot rebuild a
// native addon and would be one more install-time dependency with its own tree; jsdiff
// (`diff`) applies the hunks exactly, with no fuzz.
//
// Never fails the install: a patch that does not apply (another version installed, the
// file changed) is reported and skipped, and everything still works unpatched — the code
// that benefits checks at run time (src/index/hnsw-points.mjs). Running it again is a
// no-op (an applied patch is recognised).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyPatch, parsePatch, reversePatch } from 'diff';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const say = (msg) => console.log(`patch-deps: ${msg}`);
/** Says why a patch is skipped; false: nothing changed. */
const skip = (msg) => {
  say(msg);
  return false;
};

/** Applies one patch file; returns whether the package's files changed. */
function applyOne(file) {
  const m = /^(.+)\+([^+]+)\.patch$/.exec(file);
  if (!m) return skip(`${file}: not named <package>+<version>.patch, skipped`);
  const [, name, version] = m;
  let dir;
  try {
    dir = dirname(require.resolve(`${name}/package.json`));
  } catch {
    return skip(`${name} is not installed, ${file} skipped`);
  }
  const installed = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  if (installed !== version) return skip(`${name} ${installed} is installed, ${file} is for ${version}: skipped`);
  let changed = false;
  for (const diff of parsePatch(readFileSync(join(root, 'patches', file), 'utf8'))) {
    const target = join(dir, diff.newFileName.replace(/^b\//, ''));
    const text = readFileSync(target, 'utf8');
    const patched = applyPatch(text, diff);
    if (patched !== false) {
      writeFileSync(target, patched);
      changed = true;
    } else if (applyPatch(text, reversePatch(diff)) !== false) {
      // Already applied (an earlier run).
    } else {
      return skip(`${file} does not apply to ${target}: ${name} stays unpatched (it works, only slower)`);
    }
  }
  return changed;
}

for (const file of readdirSync(join(root, 'patches'))
  .filter((f) => f.endsWith('.patch'))
  .sort()) {
  if (!applyOne(file)) continue;
  const name = file.slice(0, file.lastIndexOf('+'));
  say(`${file} applied; rebuilding ${name}`);
  // npm_execpath: the npm running this install (whichever version); plain `npm` otherwise.
  const npm = process.env.npm_execpath;
  const r = npm
    ? spawnSync(process.execPath, [npm, 'rebuild', name], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['rebuild', name], { cwd: root, stdio: 'inherit', shell: true });
  if (r.status !== 0) {
    // The previous (unpatched) build may be gone: this is worth stopping the install for.
    console.error(`patch-deps: rebuilding ${name} failed (exit ${r.status}); run \`npm rebuild ${name}\` to see why.`);
    process.exit(1);
  }
}
