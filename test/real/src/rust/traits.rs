// Trait objects and closures: Box<dyn Trait> in a Vec (call_indirect through the vtable), default
// methods, trait objects holding state and calling each other, &dyn Fn / Box<dyn FnMut>
// closures capturing by move, generic functions monomorphised next to dyn ones, and iterator
// adapters (map, filter, zip, chain, rev, skip, step_by, take_while, flat_map, scan, fold).
// TAPE: [7, 20]
// TAPE: [100, 3]
// TAPE: [0, 0]
include!("io.rs");

trait Shape {
    fn area2(&self) -> u64; // twice the area, to stay integral
    fn name(&self) -> &'static str;
    fn scale(&mut self, k: u32);
    fn describe(&self) -> String { format!("{}:{}", self.name(), self.area2()) }
}
struct Rect { w: u32, h: u32 }
struct Tri { b: u32, h: u32 }
struct Square(u32);
struct Group(Vec<Box<dyn Shape>>);

impl Shape for Rect {
    fn area2(&self) -> u64 { 2 * self.w as u64 * self.h as u64 }
    fn name(&self) -> &'static str { "rect" }
    fn scale(&mut self, k: u32) { self.w *= k; self.h *= k; }
}
impl Shape for Tri {
    fn area2(&self) -> u64 { self.b as u64 * self.h as u64 }
    fn name(&self) -> &'static str { "tri" }
    fn scale(&mut self, k: u32) { self.b *= k; self.h *= k; }
    fn describe(&self) -> String { format!("triangle b={} h={}", self.b, self.h) }
}
impl Shape for Square {
    fn area2(&self) -> u64 { 2 * (self.0 as u64).pow(2) }
    fn name(&self) -> &'static str { "square" }
    fn scale(&mut self, k: u32) { self.0 *= k; }
}
impl Shape for Group {
    fn area2(&self) -> u64 { self.0.iter().map(|s| s.area2()).sum() }
    fn name(&self) -> &'static str { "group" }
    fn scale(&mut self, k: u32) { for s in self.0.iter_mut() { s.scale(k); } }
}

fn make(kind: u32, a: u32, b: u32) -> Box<dyn Shape> {
    match kind % 4 {
        0 => Box::new(Rect { w: a, h: b }),
        1 => Box::new(Tri { b: a, h: b }),
        2 => Box::new(Square(a)),
        _ => Box::new(Group(vec![Box::new(Square(b)), Box::new(Rect { w: a, h: 1 })])),
    }
}

fn total_generic<S: Shape + ?Sized>(s: &S) -> u64 { s.area2() + s.name().len() as u64 }
fn apply(f: &dyn Fn(u64) -> u64, x: u64, times: u32) -> u64 { (0..times).fold(x, |acc, _| f(acc)) }
fn counter(step: u64) -> Box<dyn FnMut() -> u64> { let mut c = 0; Box::new(move || { c += step; c }) }

#[no_mangle]
pub extern "C" fn main() {
    let seed = inp32();
    let n = inp32();
    let mut rng = Lcg(seed as u64);
    let mut h = Fnv::new();

    let mut shapes: Vec<Box<dyn Shape>> = (0..n % 40 + 4).map(|i| make(i + seed, rng.below(20) + 1, rng.below(20) + 1)).collect();
    let before: u64 = shapes.iter().map(|s| s.area2()).sum();
    for (i, s) in shapes.iter_mut().enumerate() { if i % 3 == 0 { s.scale(2); } }
    let after: u64 = shapes.iter().map(|s| total_generic(s.as_ref())).sum();
    for s in &shapes { h.bytes(s.describe().as_bytes()); }
    shapes.sort_by_key(|s| std::cmp::Reverse(s.area2()));
    let biggest = shapes[0].name().len() as u32;
    shapes.retain(|s| s.name() != "tri");

    // closures
    let k = seed as u64 % 7 + 2;
    let mul = move |x: u64| x.wrapping_mul(k).wrapping_add(1);
    let applied = apply(&mul, 1, n % 20);
    let mut fs: Vec<Box<dyn FnMut() -> u64>> = (1..=4).map(|s| counter(s)).collect();
    let mut calls = 0u64;
    for round in 0..n % 10 + 1 { for (i, f) in fs.iter_mut().enumerate() { if (round as usize + i) % 2 == 0 { calls += f(); } } }
    let ops: [(&str, fn(u64, u64) -> u64); 4] = [("add", |a, b| a + b), ("mul", |a, b| a * b), ("max", |a, b| a.max(b)), ("xor", |a, b| a ^ b)];
    let folded: Vec<u64> = ops.iter().map(|(_, f)| (1..=(n % 12 + 1) as u64).fold(1, |a, b| f(a, b))).collect();
    for (name, _) in &ops { h.bytes(name.as_bytes()); }
    for x in &folded { h.u64(*x); }

    // iterator adapters
    let v: Vec<u32> = (0..n % 50 + 10).map(|_| rng.below(100)).collect();
    let evens: u32 = v.iter().filter(|x| *x % 2 == 0).map(|x| x * 3).sum();
    let zipped: u64 = v.iter().zip(v.iter().rev()).map(|(a, b)| (*a as u64) * (*b as u64)).sum();
    let chained: Vec<u32> = v.iter().take(3).chain(v.iter().skip(5).step_by(3)).copied().collect();
    let tw = v.iter().take_while(|x| **x > 10).count() as u32;
    let flat: u32 = v.iter().take(5).flat_map(|x| 0..*x % 7).sum();
    let prefix: Vec<u32> = v.iter().scan(0u32, |s, x| { *s += x; Some(*s) }).collect();
    let pos = v.iter().position(|x| *x > 90).map(|p| p as u32 + 1).unwrap_or(0);
    let (small, large): (Vec<u32>, Vec<u32>) = v.iter().partition(|x| **x < 50);
    let mx = v.iter().enumerate().max_by_key(|(i, x)| (**x, std::cmp::Reverse(*i))).map(|(i, _)| i as u32).unwrap();
    for x in chained.iter().chain(prefix.iter()) { h.u32(*x); }

    out64(before);
    out64(after + ((biggest as u64) << 40) + ((shapes.len() as u64) << 48));
    out64(applied ^ calls << 32);
    out32(evens ^ tw << 20 ^ flat << 12);
    out64(zipped + ((pos as u64) << 40));
    out32((small.len() as u32) << 16 | (large.len() as u32) << 8 | mx);
    out64(h.0);
}
