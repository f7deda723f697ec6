import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// vitest runs from the frontend directory (its root)
const SRC = resolve(process.cwd(), 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const appFiles = sources(SRC)
  .map((path) => relative(SRC, path).split('\\').join('/'))
  .filter((path) => !path.startsWith('test/'));

describe('architecture', () => {
  it('lets only src/lib talk to the network (fetch, XMLHttpRequest, STOMP)', () => {
    expect(appFiles).toContain('lib/api-client.ts');
    const offenders = appFiles
      .filter((path) => !path.startsWith('lib/'))
      .filter((path) => /\bfetch\(|XMLHttpRequest|WebSocket|@stomp\/stompjs/.test(readFileSync(join(SRC, path), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('keeps STOMP inside the live-events store', () => {
    const offenders = appFiles.filter((path) => !path.startsWith('lib/live-events/') && readFileSync(join(SRC, path), 'utf8').includes('@stomp/stompjs'));
    expect(offenders).toEqual([]);
  });

  it('never injects HTML', () => {
    const offenders = appFiles.filter((path) => /dangerouslySetInnerHTML|innerHTML/.test(readFileSync(join(SRC, path), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('keeps src/lib independent of the features', () => {
    const offenders = appFiles
      .filter((path) => path.startsWith('lib/'))
      .filter((path) => /from '\.\.\/(\.\.\/)?features\//.test(readFileSync(join(SRC, path), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
