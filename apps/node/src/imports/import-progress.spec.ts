import { describe, expect, it } from '@jest/globals';
import { ImportProgress, progressLine } from './import-progress.js';

describe('ImportProgress', () => {
  it('redraws a bar on a terminal, at most once per interval, and ends the line when finished', () => {
    const written: string[] = [];
    let now = 0;
    const progress = new ImportProgress(
      1_000,
      (text) => written.push(text),
      true,
      () => now,
      100,
    );
    progress.bytesRead(100);
    progress.rowsRead(10);
    now = 50;
    progress.bytesRead(100);
    now = 150;
    progress.rowsRead(25);
    progress.finish();
    expect(written).toEqual([
      `\r${progressLine(100, 1_000, 0, true)}`,
      `\r${progressLine(200, 1_000, 25, true)}`,
      `\r${progressLine(200, 1_000, 25, true)}`,
      '\n',
    ]);
    expect(progressLine(200, 1_000, 25, true)).toBe('[######........................]  20%  25 rows');
  });

  it('writes plain, throttled lines to a log', () => {
    const written: string[] = [];
    let now = 0;
    const progress = new ImportProgress(
      10,
      (text) => written.push(text),
      false,
      () => now,
      5_000,
    );
    for (let row = 1; row <= 1_000; row += 1) {
      now += 10;
      progress.rowsRead(row);
    }
    progress.bytesRead(10);
    progress.finish();
    expect(written).toEqual([
      'import: 0% of the file, 1 rows read\n',
      'import: 0% of the file, 501 rows read\n',
      'import: 100% of the file, 1,000 rows read\n',
    ]);
  });
});
