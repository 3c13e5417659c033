// Shared by every Rust program of test/real (pulled in with include!): the host imports of
// docs/abi.md, a small LCG for data derived from the tape, and FNV-1a for checksums.
#[link(wasm_import_module = "env")]
extern "C" {
    fn input_i32() -> i32;
    fn input_i64() -> i64;
    fn output_i32(x: i32);
    fn output_i64(x: i64);
}

#[allow(dead_code)]
fn inp32() -> u32 { unsafe { input_i32() as u32 } }
#[allow(dead_code)]
fn inp64() -> u64 { unsafe { input_i64() as u64 } }
#[allow(dead_code)]
fn out32(x: u32) { unsafe { output_i32(x as i32) } }
#[allow(dead_code)]
fn out64(x: u64) { unsafe { output_i64(x as i64) } }

#[allow(dead_code)]
struct Lcg(u64);
#[allow(dead_code)]
impl Lcg {
    fn next(&mut self) -> u32 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as u32
    }
    fn below(&mut self, n: u32) -> u32 { self.next() % n }
}

#[allow(dead_code)]
struct Fnv(u64);
#[allow(dead_code)]
impl Fnv {
    fn new() -> Fnv { Fnv(0xcbf29ce484222325) }
    fn byte(&mut self, b: u8) { self.0 = (self.0 ^ b as u64).wrapping_mul(0x100000001b3); }
    fn bytes(&mut self, s: &[u8]) { for &b in s { self.byte(b); } }
    fn u32(&mut self, x: u32) { self.bytes(&x.to_le_bytes()); }
    fn u64(&mut self, x: u64) { self.bytes(&x.to_le_bytes()); }
}
