// Map / Set and classes: Map<i32, i32> and Map<string, i32> growing through rehashes, delete,
// keys() / values() in insertion order, Set<u32>; a class hierarchy with overridden methods
// (virtual dispatch), an abstract-style base, instanceof, static members and a generic class;
// and on one tape an assertion failure (abort).
// TAPE: [60, 3, 0] EXPECT pass
// TAPE: [120, 9, 0] EXPECT pass
// TAPE: [5, 1, 1] EXPECT trap
import { input_i32, output_i32, output_i64, setSeed, rand, Fnv } from "./io";

class Shape {
  static count: i32 = 0;
  constructor(public id: i32) { Shape.count++; }
  area2(): i64 { return 0; }
  name(): string { return "shape"; }
  describe(): string { return this.name() + "#" + this.id.toString() + "=" + this.area2().toString(); }
}
class Rect extends Shape {
  constructor(id: i32, public w: i32, public h: i32) { super(id); }
  area2(): i64 { return 2 * <i64>this.w * this.h; }
  name(): string { return "rect"; }
}
class Square extends Rect {
  constructor(id: i32, s: i32) { super(id, s, s); }
  name(): string { return "square"; }
}
class Tri extends Shape {
  constructor(id: i32, public b: i32, public h: i32) { super(id); }
  area2(): i64 { return <i64>this.b * this.h; }
  name(): string { return "tri"; }
}
class Stack<T> {
  items: T[] = [];
  push(x: T): void { this.items.push(x); }
  pop(): T { return this.items.pop(); }
  get size(): i32 { return this.items.length; }
}

export function main(): void {
  const n = input_i32();
  setSeed(<u64>input_i32());
  const fail = input_i32();
  const h = new Fnv();

  const m = new Map<i32, i32>();
  for (let i = 0; i < n; i++) {
    const k = <i32>rand(<u32>n / 2 + 1);
    m.set(k, m.has(k) ? m.get(k) + i : i);
  }
  for (let k = 0; k < n / 4; k++) m.delete(k);
  const keys = m.keys();
  const vals = m.values();
  for (let i = 0; i < keys.length; i++) { h.u32(keys[i]); h.u32(vals[i]); }

  const words = new Map<string, i32>();
  for (let i = 0; i < n; i++) {
    const w = "w" + rand(20).toString();
    words.set(w, words.has(w) ? words.get(w) + 1 : 1);
  }
  const wk = words.keys();
  let wsum = 0;
  for (let i = 0; i < wk.length; i++) { h.str(wk[i]); wsum += words.get(wk[i]) * (i + 1); }

  const set = new Set<u32>();
  for (let i = 0; i < n; i++) set.add(rand(50));
  let inSet = 0;
  for (let i: u32 = 0; i < 50; i++) if (set.has(i)) inSet++;

  const shapes = new Array<Shape>();
  for (let i = 0; i < n % 30 + 5; i++) {
    const r = rand(4);
    shapes.push(r == 0 ? new Rect(i, <i32>rand(9) + 1, <i32>rand(9) + 1) : r == 1 ? new Square(i, <i32>rand(9) + 1)
      : r == 2 ? new Tri(i, <i32>rand(9) + 1, <i32>rand(9) + 1) : new Shape(i));
  }
  let total: i64 = 0;
  let rects = 0;
  for (let i = 0; i < shapes.length; i++) {
    total += shapes[i].area2();
    if (shapes[i] instanceof Rect) rects++;
    h.str(shapes[i].describe());
  }
  const st = new Stack<Shape>();
  for (let i = 0; i < shapes.length; i++) if (shapes[i].area2() > 20) st.push(shapes[i]);
  let popped = 0;
  while (st.size > 1) popped = popped * 7 + st.pop().id;

  assert(!fail || n > 100, "fail requested");

  output_i32(m.size * 1000 + words.size);
  output_i32(wsum);
  output_i32(inSet);
  output_i64(total * 1000 + rects);
  output_i32(Shape.count * 10000 + popped % 10000);
  output_i64(<i64>h.h);
}
