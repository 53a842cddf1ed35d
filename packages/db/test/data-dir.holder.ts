import { existsSync } from 'node:fs';
import { DataDirInUse, lockDataDir } from '../src/data-dir.lock.ts';

/**
 * A process claiming a data directory, for the lock's tests: `node --import tsx
 * data-dir.holder.ts <dir> <hold ms> [go file]`. Prints `won <pid>` or `refused <pid>` and holds
 * a won lock for <hold ms> (0 = until killed). With a go file, it prints `ready` and claims when
 * that file appears, so that claimants started together really race.
 */
const [dir, hold, go] = process.argv.slice(2);
if (go) {
  process.stdout.write('ready\n');
  while (!existsSync(go)) await new Promise((r) => setTimeout(r, 2));
}
try {
  const lock = await lockDataDir(dir!, { command: 'holder', port: 4321 });
  process.stdout.write(`won ${process.pid}\n`);
  await new Promise((r) => setTimeout(r, Number(hold) || 2 ** 31 - 1));
  lock.release();
} catch (error) {
  if (!(error instanceof DataDirInUse)) throw error;
  process.stdout.write(`refused ${process.pid}: ${error.message}\n`);
  process.exitCode = 3;
}
