#!/usr/bin/env node
// Applies the patches in patches/ to installed dependencies, then rebuilds each patched
// native addon (npm's `postinstall`, so a plain `npm ci` gives the patched build).
//
// patches/<package>+<version>.patch is a unified diff against that exact version (the
// patch-package naming; `@scope+name+1.0.0.patch` for a scoped package). The one patch
// today, hnswlib-node+3.0.0.patch, lets HierarchicalNSW.addPoint take a Float32Array
// (the same idea as yoshoku/hnswlib-node#365, closed unmerged). Why not patch-package: it
// cannot rebuild a native addon and would be one more install-time dependency with its own
// tree; jsdiff (`diff`) applies the hunks exactly, with no fuzz.
//
// A patch that cannot be applied (another version installed, a file changed, a malformed
// patch) is reported and skipped: everything still works unpatched, because the code that
// benefits checks at run time (src/index/hnsw-points.mjs). Only a failed rebuild stops the
// install, with the package's sources put back as they were, so that the next install
// tries again. Running it again is a no-op (an applied patch is recognised, and its
// package rebuilt only if it does not load).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyPatch, parsePatch, reversePatch } from 'diff';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const patchesDir = join(root, 'patches');
const require = createRequire(join(root, 'package.json'));
const say = (msg) => console.log(`patch-deps: ${msg}`);

/**
 * Writes a file by replacing it (a new file renamed over the old one), so that a hard link
 * to the old one — a package manager's store, CI's linked copies — is never written through.
 */
function replaceFile(path, text) {
  const tmp = `${path}.patch-deps-tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** `@scope+name+1.0.0.patch` → ['@scope/name', '1.0.0']; undefined when not so named. */
function parseName(file) {
  const m = /^(.+)\+([^+]+)\.patch$/.exec(file);
  if (!m) return undefined;
  const name = m[1].startsWith('@') ? m[1].replace('+', '/') : m[1];
  return [name, m[2]];
}

/**
 * What one patch file asks for: 'apply' (with the new texts to write), 'applied' (already
 * done), or 'skip' (with the reason). Nothing is written here, so a patch of several files
 * is applied whole or not at all.
 */
function plan(file) {
  const parsed = parseName(file);
  if (!parsed) return { status: 'skip', why: 'not named <package>+<version>.patch' };
  const [name, version] = parsed;
  let dir;
  try {
    dir = dirname(require.resolve(`${name}/package.json`));
  } catch {
    return { status: 'skip', name, why: `${name} is not installed` };
  }
  const installed = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  if (installed !== version) return { status: 'skip', name, why: `${name} ${installed} is installed, not ${version}` };
  const writes = [];
  for (const diff of parsePatch(readFileSync(join(patchesDir, file), 'utf8'))) {
    const target = join(dir, diff.newFileName.replace(/^b\//, ''));
    if (!existsSync(target)) return { status: 'skip', name, why: `${target} does not exist` };
    const text = readFileSync(target, 'utf8');
    const patched = applyPatch(text, diff);
    if (patched !== false) writes.push({ target, text, patched });
    else if (applyPatch(text, reversePatch(diff)) === false)
      return { status: 'skip', name, why: `it does not apply to ${target}` };
  }
  return writes.length ? { status: 'apply', name, writes } : { status: 'applied', name };
}

/** Whether `name` loads (a native addon whose build is missing does not). */
function loads(name) {
  const r = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(name)})`], { cwd: root, stdio: 'ignore' });
  return r.status === 0;
}

/** `npm rebuild name`, with the npm running this install when it is npm. */
function rebuild(name) {
  const npm = process.env.npm_execpath;
  const r =
    npm && /npm/i.test(basename(npm))
      ? spawnSync(process.execPath, [npm, 'rebuild', name], { cwd: root, stdio: 'inherit' })
      : spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['rebuild', name], {
          cwd: root,
          stdio: 'inherit',
          shell: process.platform === 'win32',
        });
  return r.status === 0 ? undefined : r.signal ? `killed by ${r.signal}` : `exit ${r.status}`;
}

const files = existsSync(patchesDir) ? readdirSync(patchesDir).filter((f) => f.endsWith('.patch')) : [];
for (const file of files.sort()) {
  let p;
  try {
    p = plan(file);
  } catch (err) {
    p = { status: 'skip', name: parseName(file)?.[0], why: err instanceof Error ? err.message : String(err) };
  }
  if (p.status === 'skip') {
    say(`${file} skipped: ${p.why}; ${p.name ?? 'the package'} stays unpatched`);
    continue;
  }
  if (p.status === 'applied' && loads(p.name)) continue;
  say(
    p.status === 'apply'
      ? `${file} applied; rebuilding ${p.name}`
      : `${p.name} is patched but does not load; rebuilding it`,
  );
  for (const w of p.writes ?? []) replaceFile(w.target, w.patched);
  const failed = rebuild(p.name);
  if (failed) {
    // Sources as they were: the next install sees the patch as not applied and tries again.
    for (const w of p.writes ?? []) replaceFile(w.target, w.text);
    console.error(`patch-deps: rebuilding ${p.name} failed (${failed}); run \`npm rebuild ${p.name}\` to see why.`);
    process.exit(1);
  }
}
