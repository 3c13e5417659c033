// Floats as text: str::parse::<f64>() and ::<f32>() of decimal strings built from the tape (with
// exponents, many digits, subnormals, overflow, inf / NaN spellings and malformed input) and
// format! of the results with {}, {:?}, {:e}, {:E}, {:.3}, {:+.1e}, {:>12.4}; every text goes into
// a checksum, the bits of two parsed values are output, and the shortest representation ({})
// must parse back to the same value.
// TAPE: [314159, 4294967291, 3]
// TAPE: [9007199254740993, 22, 4]
// TAPE: [-1, 4294966973, 0]
include!("io.rs");

fn fmt64(x: f64, h: &mut Fnv, len: &mut usize) {
    let texts = [
        format!("{}", x), format!("{:?}", x), format!("{:e}", x), format!("{:E}", x),
        format!("{:.3}", x), format!("{:+.1e}", x), format!("{:>12.4}", x),
    ];
    for t in texts.iter() { *len += t.len(); h.bytes(t.as_bytes()); h.byte(0); }
}

fn fmt32(x: f32, h: &mut Fnv, len: &mut usize) {
    let texts = [format!("{}", x), format!("{:e}", x), format!("{:.3}", x)];
    for t in texts.iter() { *len += t.len(); h.bytes(t.as_bytes()); h.byte(0); }
}

#[no_mangle]
pub extern "C" fn main() {
    let m = inp64() as i64;
    let e = inp32() as i32;
    let k = inp32() as usize;
    let mut h = Fnv::new();
    let mut len = 0usize;

    let built = [
        format!("{}e{}", m, e),
        format!("{}.{:0>w$}", m / 1000, (m % 1000).unsigned_abs(), w = 3),
        format!("-0.{}E-{}", m.unsigned_abs(), (e.unsigned_abs() % 400)),
        format!("{}{}", m, "1".repeat(k % 8)),
    ];
    let fixed = [
        "0.1", "1e308", "1e309", "4.9e-324", "2e-324", "2.2250738585072014e-308", "-0.0", "inf",
        "-infinity", "NaN", "1_0", "", ".5", "5.", "+3.25", "0x10", "123456789012345678901234567890",
        "3.4028235e38", "3.4028236e38", "1.17549435e-38", "7.0e-46",
    ];
    let mut parsed_ok = 0u32;
    let mut roundtrip = 0u32;
    let mut bits64 = 0u64;
    let mut bits32 = 0u32;
    // the built strings and a third of the fixed ones (which third: k % 3)
    let some_fixed = fixed.iter().copied().enumerate().filter(|(i, _)| i % 3 == k % 3).map(|(_, s)| s);
    for (i, s) in built.iter().map(|s| s.as_str()).chain(some_fixed).enumerate() {
        match s.parse::<f64>() {
            Ok(x) => {
                parsed_ok += 1;
                if i == 0 { bits64 = x.to_bits(); }
                h.u64(x.to_bits());
                if i < built.len() { fmt64(x, &mut h, &mut len); }
                let back: f64 = format!("{}", x).parse().unwrap();
                if back.to_bits() == x.to_bits() || (x.is_nan() && back.is_nan()) { roundtrip += 1; }
            }
            Err(err) => { h.bytes(format!("{}", err).as_bytes()); }
        }
        match s.parse::<f32>() {
            Ok(x) => {
                parsed_ok += 0x100;
                if i == 0 { bits32 = x.to_bits(); }
                h.u32(x.to_bits());
                if i < built.len() { fmt32(x, &mut h, &mut len); }
                let back: f32 = format!("{:e}", x).parse().unwrap();
                if back.to_bits() == x.to_bits() || (x.is_nan() && back.is_nan()) { roundtrip += 0x100; }
            }
            Err(_) => h.byte(0xff),
        }
    }
    // arithmetic on parsed values, formatted again
    let a: f64 = built[1].parse().unwrap_or(1.5);
    let b: f64 = "2.5".parse().unwrap();
    let c = a * b + 1.0 / 3.0;
    fmt64(c, &mut h, &mut len);
    fmt32(c as f32, &mut h, &mut len);

    out64(bits64);
    out32(bits32);
    out32(parsed_ok);
    out32(roundtrip);
    out32(len as u32);
    out64(h.0);
}
