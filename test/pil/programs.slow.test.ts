// The PIL of NEAR's sha256 benchmark: the forgery catalogue judged by verifyPil too, at 2^14
// rows (about 30 s; the arith machine's byte-pair range checks among them). The other programs
// are in programs.test.ts.
import { describePrograms, NEAR } from './programs-cases.js';

describePrograms([
  { file: `${NEAR}/sha256_from_rust.wat`, verifyPil: true, machines: { bin: true, arith: true }, N: 16384 },
]);
