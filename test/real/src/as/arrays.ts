// Arrays: Array<i32> push / pop / shift / unshift / splice / slice / concat / reverse / indexOf /
// includes / fill, sort with the default and with a comparator (a function index: call_indirect),
// map / filter / reduce / some / every / findIndex with function expressions, Array<Array<i32>>,
// StaticArray, Uint8Array / Int32Array views, and an out-of-bounds read on one tape (a RangeError:
// AssemblyScript's abort, a trap of kind abort).
// TAPE: [30, 5, 0] EXPECT pass
// TAPE: [70, 1234, 0] EXPECT pass
// TAPE: [10, 7, 1] EXPECT trap
import { input_i32, output_i32, output_i64, setSeed, rand, Fnv } from "./io";

class Item { constructor(public key: i32, public seq: i32) {} }

export function main(): void {
  const n = input_i32();
  setSeed(<u64>input_i32());
  const oob = input_i32();
  const h = new Fnv();

  const a = new Array<i32>();
  for (let i = 0; i < n; i++) a.push(<i32>rand(1000) - 500);
  let popped = 0;
  while (a.length > n / 2 + 2) popped = popped * 31 + a.pop();
  a.unshift(77);
  const first = a.shift();
  a.splice(1, 2);
  const b = a.slice(1, a.length - 1).concat([1, 2, 3]);
  b.reverse();
  const idx = b.indexOf(2) * 100 + (b.includes(77) ? 1 : 0);
  const sorted = b.slice(0);
  sorted.sort();
  const desc = b.slice(0);
  desc.sort((x: i32, y: i32): i32 => y - x);
  for (let i = 0; i < sorted.length; i++) h.u32(sorted[i] ^ desc[i]);

  const doubled = b.map<i32>((x: i32): i32 => x * 2);
  const pos = b.filter((x: i32): bool => x > 0);
  const sum = b.reduce<i64>((acc: i64, x: i32): i64 => acc + <i64>x, 0);
  const anyBig = b.some((x: i32): bool => x > 400);
  const allSmall = b.every((x: i32): bool => x < 500);
  const fi = b.findIndex((x: i32): bool => x < -300);
  for (let i = 0; i < doubled.length; i++) h.u32(doubled[i]);

  // objects sorted by key (insertion sort below a threshold, else the library's)
  const items = new Array<Item>();
  for (let i = 0; i < n; i++) items.push(new Item(<i32>rand(10), i));
  items.sort((x: Item, y: Item): i32 => x.key - y.key || x.seq - y.seq);
  for (let i = 0; i < items.length; i++) h.u32(items[i].seq);

  // nested arrays: Pascal's triangle
  const rows = new Array<Array<i32>>();
  for (let i = 0; i < 12; i++) {
    const row = new Array<i32>(i + 1);
    row[0] = 1; row[i] = 1;
    for (let j = 1; j < i; j++) row[j] = rows[i - 1][j - 1] + rows[i - 1][j];
    rows.push(row);
  }
  const mid = rows[11][5];

  const st = new StaticArray<u16>(16);
  for (let i = 0; i < 16; i++) st[i] = <u16>(i * 4099 + n);
  const bytes = new Uint8Array(32);
  bytes.fill(7, 4, 20);
  const words = Int32Array.wrap(bytes.buffer);
  words[7] = -1;
  let bsum = 0;
  for (let i = 0; i < 32; i++) bsum += bytes[i];
  for (let i = 0; i < 16; i++) h.u32(st[i]);

  output_i32(popped);
  output_i32(first * 1000 + idx);
  output_i32(pos.length * 100 + (anyBig ? 10 : 0) + (allSmall ? 1 : 0));
  output_i64(sum * 1000 + fi);
  output_i32(mid * 10000 + bsum);
  output_i64(<i64>h.h);
  if (oob) output_i32(a[n + 1000]); // throws: index out of range
}
