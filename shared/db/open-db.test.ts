import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findMigrationsFolder } from './open-db.ts';

describe('findMigrationsFolder', () => {
  it('says where it looked when there is no drizzle/ folder above', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tea-no-drizzle-'));
    try {
      expect(() => findMigrationsFolder(dir)).toThrow(`no drizzle/ migrations folder found above ${dir}`);
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });
});
