// A STARK proof of the standalone Poseidon machine (test profile): three hashes, their digests
// bound to publics; the proof verifies with the reference sponge's digests as its publics, and a
// changed digest does not verify. Also: at blowup 2 pil-stark needs no intermediate polynomial
// columns for this PIL (every identity has degree <= 3).

import { describe, expect, it } from 'vitest';
import { toPilcomPols } from '../../src/pil/check/index.js';
import { compilePil } from '../../src/pil/pilcom.js';
import {
  poseidonSponge, poseidonWitness, standaloneConstantColumns, standalonePoseidonPil, traceOf, type PoseidonLayout,
} from '../../src/pil/poseidon/index.js';
import { keyOfOwnProof, parseProof, prove, serializeProof, verifyProofFile, type PolsArray, type PilJson as StarkPilJson } from '../../src/pil/stark/index.js';

const insecureOk = { allowInsecure: true };

describe('a proof of the Poseidon machine', () => {
  it('proves and verifies three hashes; a changed digest public does not verify', async () => {
    const N = 2 ** 10;
    const inputs = [[], [1n, 2n, 3n], Array.from({ length: 20 }, (_, i) => BigInt(i) * 0x1234567890abcdefn)];
    const w = poseidonWitness(N, inputs.map((input) => ({ input })));
    const layout: PoseidonLayout = { N, digests: w.placements.map((p, k) => ({ name: `h${k}`, slot: p.lastSlot })) };
    const pil = await compilePil(standalonePoseidonPil(layout));
    const trace = traceOf(pil, N, w.cols, standaloneConstantColumns(layout));
    const { cm, cst } = toPilcomPols(pil, trace);
    const log: string[] = [];
    const file = await prove(pil as unknown as StarkPilJson, cst as unknown as PolsArray, cm as unknown as PolsArray,
      { security: 'test', log: (m) => log.push(m) });
    console.log(log.join('\n'));
    const info = file.starkInfo as unknown as { qDeg: number; nImPols: number };
    expect(info.qDeg).toBe(2);
    expect(info.nImPols).toBe(0);

    const key = keyOfOwnProof(file);
    const text = serializeProof(file);
    const ok = await verifyProofFile(parseProof(text, 'p.json'), key, insecureOk);
    expect(ok.ok).toBe(true);
    expect(ok.publics).toEqual(inputs.flatMap((m) => poseidonSponge(m)));
    const forged = parseProof(text, 'p.json');
    forged.publics[9] = (forged.publics[9]! + 1n) % 0xffffffff00000001n;
    expect((await verifyProofFile(forged, key, insecureOk)).ok).toBe(false);
  }, 600_000);
});
