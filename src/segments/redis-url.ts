// The --redis URL read into ioredis connection options: checked before any work starts, and
// without loading BullMQ.

import type { RedisOptions } from 'bullmq';
import { badRedisUrl } from '../diagnostics.js';

/** ioredis connection options from a redis:// URL (BullMQ wants retries unbounded). */
export function connectionOf(url: string): RedisOptions {
  let u: URL;
  try { u = new URL(url); } catch { throw badRedisUrl(url); }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw badRedisUrl(url);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw badRedisUrl(url);
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port === '' ? 6379 : Number(u.port),
    db,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}
