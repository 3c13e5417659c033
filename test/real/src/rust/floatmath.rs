// f64 and f32 arithmetic as Rust programs use it: sqrt, floor / ceil / round / trunc, abs,
// copysign, min / max, mul_add, powi, the libm functions rustc links for wasm32 (exp, ln, sin,
// cos, atan2, powf, cbrt, hypot), `as` casts (saturating: NaN to 0, out of range to the limits),
// total_cmp and partial_cmp sorts of a Vec<f64> with NaNs and signed zeros, a Kahan sum, a 4x4
// matrix inverse by Gauss-Jordan, and a float-driven Mandelbrot row.
// TAPE: [12345, 7, 1]
// TAPE: [4294967295, 13, 0]
// TAPE: [1, 0, 3]
include!("io.rs");

fn h64(h: &mut Fnv, x: f64) { h.u64(if x.is_nan() { 0x7ff8000000000000 } else { x.to_bits() }); }
fn h32(h: &mut Fnv, x: f32) { h.u32(if x.is_nan() { 0x7fc00000 } else { x.to_bits() }); }

fn invert(m: &mut [[f64; 8]; 4]) -> bool {
    for i in 0..4 {
        let mut p = i;
        for r in i + 1..4 { if m[r][i].abs() > m[p][i].abs() { p = r; } }
        if m[p][i] == 0.0 { return false; }
        m.swap(i, p);
        let d = m[i][i];
        for c in 0..8 { m[i][c] /= d; }
        for r in 0..4 {
            if r != i {
                let f = m[r][i];
                for c in 0..8 { m[r][c] -= f * m[i][c]; }
            }
        }
    }
    true
}

#[no_mangle]
pub extern "C" fn main() {
    let seed = inp32();
    let n = (inp32() % 16) as usize + 2;
    let mode = inp32();
    let mut rng = Lcg(seed as u64);
    let mut h = Fnv::new();

    // values from the tape, with the special ones
    let mut xs: Vec<f64> = (0..n).map(|_| (rng.next() as f64 - 1073741824.0) / 1048576.0).collect();
    xs.extend_from_slice(&[0.0, -0.0, f64::INFINITY, f64::NEG_INFINITY, f64::NAN, 1e-310, -2.5, 0.5, 1.5, 2.5]);

    // rounding family, casts, libm
    let mut casts = 0u64;
    for &x in xs.iter() {
        for y in [x.floor(), x.ceil(), x.round(), x.trunc(), x.abs(), x.fract(), x.signum(), (-x).copysign(x)] { h64(&mut h, y); }
        casts = casts.wrapping_mul(31).wrapping_add((x as i32) as u32 as u64)
            .wrapping_add(x as u8 as u64).wrapping_add((x * 1e12) as i64 as u64).wrapping_add((x * 1e15) as u64);
        let f = x as f32;
        h32(&mut h, f);
        h32(&mut h, f.sqrt());
        casts = casts.wrapping_add((f as i16) as u16 as u64).wrapping_add(f as u32 as u64);
    }
    for &x in xs.iter().take(if mode == 0 { 2 } else { 4 }) {
        h64(&mut h, x.sqrt());
        h64(&mut h, x.exp());
        h64(&mut h, x.abs().ln());
        h64(&mut h, x.sin());
        h64(&mut h, x.cos());
        h64(&mut h, x.atan2(1.5));
        h64(&mut h, x.abs().powf(0.75));
        h64(&mut h, x.cbrt());
        h64(&mut h, x.hypot(3.0));
        h64(&mut h, x.mul_add(1.0 + 1e-10, -x));
        h64(&mut h, x.powi(3));
        h64(&mut h, x.min(1.0).max(-1.0));
        h32(&mut h, (x as f32).mul_add(0.5, 0.25));
    }

    // sorts
    let mut sorted = xs.clone();
    sorted.sort_by(|a, b| a.total_cmp(b));
    for &x in sorted.iter() { h64(&mut h, x); }
    let mut finite: Vec<f64> = xs.iter().copied().filter(|x| x.is_finite()).collect();
    finite.sort_by(|a, b| b.partial_cmp(a).unwrap());
    let median = finite[finite.len() / 2];

    // Kahan and naive sums of the finite values
    let (mut s, mut c, mut naive) = (0.0f64, 0.0f64, 0.0f64);
    for &x in finite.iter() {
        let y = x - c;
        let t = s + y;
        c = (t - s) - y;
        s = t;
        naive += x;
    }
    h64(&mut h, naive);

    // 4x4 inverse: A * A^-1 should be the identity
    let mut m = [[0.0f64; 8]; 4];
    let mut a = [[0.0f64; 4]; 4];
    for i in 0..4 {
        for j in 0..4 { a[i][j] = (rng.below(200) as f64 - 100.0) / 10.0 + if i == j { 25.0 } else { 0.0 }; m[i][j] = a[i][j]; }
        m[i][4 + i] = 1.0;
    }
    let inv_ok = invert(&mut m);
    let mut err = 0.0f64;
    for i in 0..4 {
        for j in 0..4 {
            let mut p = 0.0;
            for k in 0..4 { p += a[i][k] * m[k][4 + j]; }
            err = err.max((p - if i == j { 1.0 } else { 0.0 }).abs());
        }
    }

    // a Mandelbrot row in f32
    let mut iters = 0u32;
    let y0 = (seed % 100) as f32 / 100.0 - 0.5;
    for px in 0..16 {
        let x0 = px as f32 / 6.0 - 2.0;
        let (mut x, mut y, mut i) = (0.0f32, 0.0f32, 0u32);
        while x * x + y * y <= 4.0 && i < 16 { let t = x * x - y * y + x0; y = 2.0 * x * y + y0; x = t; i += 1; }
        iters += i;
    }

    out64(casts);
    out64(s.to_bits());
    out64(median.to_bits());
    out32(inv_ok as u32 + if err < 1e-12 { 2 } else { 0 });
    out32(iters);
    out64(h.0);
}
