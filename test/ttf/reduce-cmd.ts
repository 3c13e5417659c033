// The command wasm-reduce runs (test/ttf/reduce.sh builds it to JavaScript): check one module
// as the ttf test does and print its verdict, normalised so that a reduced module with the same
// kind of bug prints the same line (numbers, offsets and names stripped). `--verbose` prints the
// whole verdict instead.
//   node BUILD/test/ttf/reduce-cmd.js FILE.wasm [--verbose]
import { readFileSync } from 'node:fs';
import { checkModule } from './check.js';
import { V8Runner } from './v8.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: reduce-cmd FILE.wasm [--verbose]');
  process.exit(2);
}
const v8 = new V8Runner();
let line: string;
try {
  const v = await checkModule(new Uint8Array(readFileSync(file)), 'reduce.wasm', v8);
  if (process.argv.includes('--verbose')) line = JSON.stringify(v, null, 1);
  else if (v.kind === 'bug') line = `bug ${v.what}: ${normalise(v.what === 'disagree' ? '' : v.message.split('\n')[0]!)}`;
  else line = v.kind;
} catch (e) {
  line = `harness error ${normalise(String(e))}`;
}
await v8.close();
console.log(line);

function normalise(s: string): string {
  return s.replace(/\$[\w$.-]+/g, '$f').replace(/#\d+/g, '#n').replace(/0x[0-9a-f]+/gi, 'N').replace(/\d+/g, 'N')
    .replace(/\([^()]*\)$/, '').trim();
}
