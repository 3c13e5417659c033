// prove --redis / worker --redis as a user meets them without a queue: a bad URL, a Redis that is
// not there, options that exclude each other — one line, exit 2, no bundle written. (The queue
// itself, with Redis and two workers, is in queue.slow.test.ts.)
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { freePort } from '../helpers/net.js';
import { connectionOf } from '../../src/segments/redis-url.js';

let dir = '';
const cli = (...args: string[]) => runCli(dir, ...args);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'w2z-queue-'));
  writeFileSync(join(dir, 'fib.wat'), readFileSync(join(ROOT, 'golden/m3/fib.wat')));
});

describe('connectionOf', () => {
  it('reads host, port, db and credentials from the URL', () => {
    expect(connectionOf('redis://u:p%40ss@queue.example:6380/2')).toMatchObject({ host: 'queue.example', port: 6380, db: 2, username: 'u', password: 'p@ss' });
    expect(connectionOf('redis://localhost')).toMatchObject({ host: 'localhost', port: 6379, db: 0 });
    expect(connectionOf('rediss://h:1/0')).toHaveProperty('tls');
  });
  it('refuses what is not a redis URL', () => {
    for (const bad of ['localhost:6379', 'http://h:1', 'redis://h/x', 'redis://h/-1']) expect(() => connectionOf(bad), bad).toThrow(/W2Z5002|bad URL/);
  });
});

describe('prove --redis, worker --redis: bad input', () => {
  it('a Redis that does not answer: one line, exit 2, no bundle', async () => {
    const port = await freePort();
    const r = cli('prove', 'fib.wat', '--segment-rows', '8192', '--security', 'test', '--redis', `redis://127.0.0.1:${port}`, '-o', 'b.json');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^error\\[W2Z5001\\]: --redis: cannot reach Redis at redis://127\\.0\\.0\\.1:${port} \\(.*ECONNREFUSED`, 'm'));
    expect(r.err.split('\n').filter((l) => l.startsWith('error'))).toHaveLength(1);
    expect(existsSync(join(dir, 'b.json'))).toBe(false);
  });
  it('worker: the same', async () => {
    const port = await freePort();
    const r = cli('worker', '--redis', `redis://127.0.0.1:${port}`);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error\[W2Z5001\]: --redis: cannot reach Redis/m);
  });
  it('a bad URL, --redis without --segment-rows, --redis with --jobs, a bad --stall-seconds', () => {
    const cases: [string[], RegExp][] = [
      [['prove', 'fib.wat', '--segment-rows', '8192', '--redis', 'localhost:6379', '-o', 'b.json'], /W2Z5002\]: --redis: bad URL localhost:6379/],
      [['prove', 'fib.wat', '--redis', 'redis://h', '-o', 'b.json'], /W2Z1015\]: --redis: cannot be combined with --rows/],
      [['prove', 'fib.wat', '--segment-rows', '8192', '--jobs', '2', '--redis', 'redis://h', '-o', 'b.json'], /W2Z1015\]: --redis: cannot be combined with --jobs/],
      [['worker', '--redis', 'redis://h', '--stall-seconds', '0'], /W2Z1014\]: --stall-seconds: bad value 0/],
      [['worker', '--redis', 'redis://h', '--concurrency', 'two'], /--concurrency/],
    ];
    for (const [args, message] of cases) {
      const r = cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(message);
      expect(existsSync(join(dir, 'b.json'))).toBe(false);
    }
  });
});
