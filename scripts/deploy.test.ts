import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// Issue 11 item 8: scripts/deploy.sh checks that the secret holds INTERNAL_API_TOKEN, against a
// stand-in `modal` CLI on PATH (it never reaches Modal: the run stops before building/deploying).
const script = path.resolve(import.meta.dirname, 'deploy.sh');
let bin: string;
beforeEach(() => {
  bin = fs.mkdtempSync(path.join(os.tmpdir(), 'tea-fake-modal-'));
});
afterEach(() => fs.rmSync(bin, { recursive: true, force: true }));

function deployWithTokenLength(length: number) {
  fs.writeFileSync(
    path.join(bin, 'modal'),
    `#!/usr/bin/env bash
case "$1" in
  secret) echo "tea-agent-secrets  2026-11-01" ;;
  shell) echo "✓ Created container"; echo "tea_internal_token_length=${length}" ;;
  *) echo "unexpected: $*" >&2; exit 3 ;;
esac
`,
    { mode: 0o755 },
  );
  // --skip-build with a dist/ that lacks the bundles: a run that passes the check stops there.
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'tea-deploy-'));
  fs.mkdirSync(path.join(cwd, 'scripts'));
  fs.copyFileSync(script, path.join(cwd, 'scripts', 'deploy.sh'));
  const result = spawnSync('bash', [path.join(cwd, 'scripts', 'deploy.sh'), '--skip-build'], {
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
    encoding: 'utf8',
  });
  fs.rmSync(cwd, { recursive: true, force: true });
  return result;
}

describe('scripts/deploy.sh', () => {
  it('stops when the secret has no INTERNAL_API_TOKEN, and says how to add one', () => {
    const result = deployWithTokenLength(0);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/no INTERNAL_API_TOKEN/);
    expect(result.stderr).toMatch(/openssl rand -hex 24/);
  });

  it('goes on when the token is there', () => {
    const result = deployWithTokenLength(48);
    expect(result.stderr).not.toMatch(/INTERNAL_API_TOKEN/);
    expect(result.stderr).toMatch(/dist\/order\.mjs is missing/);
  });
});
