// u128 / i128 arithmetic (compiler-builtins: __multi3, __udivti3, __umodti3, __divti3, shifts
// __ashlti3 / __lshrti3): products, quotients and remainders by small and huge divisors,
// shifts by every class of amount, leading / trailing zeros, checked and wrapping ops,
// a modular exponentiation with u128 products, factorials and u128 formatting in decimal and hex.
// TAPE: [123456789, 987654321, 5]
// TAPE: ["0xffffffffffffffff", "0x8000000000000001", 77]
// TAPE: [0, 1, 127]
include!("io.rs");

fn mulmod(a: u64, b: u64, m: u64) -> u64 { ((a as u128 * b as u128) % m as u128) as u64 }
fn powmod(mut b: u64, mut e: u64, m: u64) -> u64 {
    let mut r = 1 % m;
    b %= m;
    while e > 0 {
        if e & 1 == 1 { r = mulmod(r, b, m); }
        b = mulmod(b, b, m);
        e >>= 1;
    }
    r
}

#[no_mangle]
pub extern "C" fn main() {
    let x = inp64();
    let y = inp64();
    let s = inp32() % 128;
    let mut h = Fnv::new();
    let mut put = |v: u128| { h.u64(v as u64); h.u64((v >> 64) as u64); };

    let a = (x as u128) << 64 | y as u128;
    let b = (y as u128).wrapping_mul(x as u128 | 1) ^ 0x1234_5678_9abc_def0;
    put(a.wrapping_mul(b));
    put((x as u128) * (y as u128));
    put(a.wrapping_add(b));
    put(a.wrapping_sub(b));
    for d in [1u128, 3, 10, 0xffff_ffff, 1 << 64, (1 << 64) + 1, u128::MAX / 3, b | 1] {
        put(a / d);
        put(a % d);
    }
    let ia = a as i128;
    let ib = -((b | 1) as i128 >> 3);
    put((ia / ib) as u128);
    put((ia % ib) as u128);
    put(ia.wrapping_neg().rem_euclid(1_000_000_007) as u128);
    for k in [0, 1, 31, 32, 63, 64, 65, 96, 127, s] {
        put(a << k);
        put(a >> k);
        put((ia >> k) as u128);
        put(a.rotate_left(k));
    }
    let bits = a.leading_zeros() | a.trailing_zeros() << 8 | a.count_ones() << 16;
    let checked = a.checked_mul(b).is_some() as u32 | (a.checked_add(b).is_some() as u32) << 1 | (a.checked_sub(b).is_some() as u32) << 2;
    let sat = a.saturating_mul(3);
    put(sat);

    // 2^61 - 1 is prime: Fermat test with the tape's base, products in u128
    let m = (1u64 << 61) - 1;
    let f = powmod(x % (m - 2) + 2, m - 1, m) as u128 | (powmod(y | 2, x, u64::MAX - 58) as u128) << 64;
    // 30! fits in u128
    let fact = (1..=30u128).product::<u128>();
    let text = format!("{} {:x} {:#034x} {}", a, b, fact, ia);
    h.bytes(text.as_bytes());
    let parsed: u128 = format!("{}", a / 7).parse().unwrap();

    out32(bits);
    out32(checked);
    out64(f as u64 ^ (f >> 64) as u64);
    out64((fact % 1_000_000_000_000_007) as u64);
    out32(text.len() as u32);
    out32((parsed == a / 7) as u32);
    out64(h.0);
}
