import { strict as assert } from 'node:assert';
import { Progress } from '../../../server/src/cli/progress';

describe('cli: progress', () => {
  const stream = (isTTY: boolean) => {
    const written: string[] = [];
    return { isTTY, written, write: (text: string) => written.push(text) };
  };

  it('writes nothing when stderr is not a terminal', () => {
    const s = stream(false);
    let time = 0;
    const progress = new Progress(s, () => time);
    time = 5000;
    progress.update(1, 10);
    progress.finish();
    assert.deepEqual(s.written, []);
  });

  it('on a terminal, shows "Checked N/M files..." once the run lasts, then erases it', () => {
    const s = stream(true);
    let time = 0;
    const progress = new Progress(s, () => time);
    time = 100;
    progress.update(1, 10);
    assert.deepEqual(s.written, [], 'short runs show nothing');
    time = 600;
    progress.update(2, 10);
    time = 650;
    progress.update(3, 10); // throttled
    time = 800;
    progress.update(10, 10);
    progress.finish();
    assert.deepEqual(s.written, ['\rChecked 2/10 files...', '\rChecked 10/10 files...', '\r\x1b[K']);
  });
});
