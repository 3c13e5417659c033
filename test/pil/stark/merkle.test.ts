// Our copy-free getGroupProof (lib.ts) must open exactly the paths pil-stark's own does.
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import { exclusive, originalGetGroupProof } from '../../../src/pil/stark/lib.js';

const require = createRequire(import.meta.url);
const fromPilStark = createRequire(require.resolve('pil-stark'));
const buildMH = fromPilStark('./src/helpers/hash/merklehash/merklehash_p.js') as () => Promise<{
  merkelize(buff: unknown, width: number, height: number): Promise<unknown>;
  getGroupProof(tree: unknown, idx: number): unknown;
}>;
const { BigBuffer } = require('pilcom') as { BigBuffer: new (n: number) => { setElement(i: number, v: bigint): void } };

it('opens the same Merkle paths as pil-stark', async () => {
  const mh = await buildMH();
  await exclusive(async () => {
    for (const [height, width] of [[1, 1], [2, 3], [16, 1], [64, 5], [512, 12]] as const) {
      const buff = new BigBuffer(height * width);
      for (let i = 0; i < height * width; i++) buff.setElement(i, BigInt(i) * 0x9e3779b97f4a7c15n % 0xffffffff00000001n);
      const tree = await mh.merkelize(buff, width, height);
      for (let idx = 0; idx < height; idx += Math.max(1, height >> 4)) {
        const ours = mh.getGroupProof(tree, idx);
        expect(ours).toEqual(originalGetGroupProof!.call(mh as never, tree as never, idx));
      }
    }
  });
  expect(mh.getGroupProof).not.toBe(originalGetGroupProof);
});
