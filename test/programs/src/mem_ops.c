/* Linear-memory traffic: memset / memcpy / memmove with unaligned, overlapping and zero-length
 * ranges (memory.fill / memory.copy with -mbulk-memory), loads and stores of every width and
 * signedness (i32.load8_s ... i64.store32), unaligned accesses through a packed struct and
 * through memcpy to odd addresses, little-endian byte order, struct copies, and a final
 * checksum of the whole buffer against an independent (Python) model. */
#include "common.h"

static u8 buf[300] __attribute__((aligned(16)));

typedef union {
  u64 q;
  i64 sq;
  u32 w[2];
  i32 sw[2];
  u16 h[4];
  i16 sh[4];
  u8 b[8];
  i8 sb[8];
} Words;

static Words words;

typedef struct __attribute__((packed)) {
  u8 tag;
  u32 a;
  u16 b;
  u64 c;
  i8 d;
  i16 e;
  i32 f;
  i64 g;
} Packed; /* 30 bytes, every field but tag misaligned */

static Packed packed[3];

typedef struct {
  u32 words[12];
  u8 bytes[8]; /* no padding: the checksum reads every byte */
} Big;

static Big big_a, big_b;

static u32 load_u32(const u8 *p) { u32 v; __builtin_memcpy(&v, p, 4); return v; }
static u64 load_u64(const u8 *p) { u64 v; __builtin_memcpy(&v, p, 8); return v; }
static u16 load_u16(const u8 *p) { u16 v; __builtin_memcpy(&v, p, 2); return v; }
static void store_u32(u8 *p, u32 v) { __builtin_memcpy(p, &v, 4); }
static void store_u64(u8 *p, u64 v) { __builtin_memcpy(p, &v, 8); }
static void store_u16(u8 *p, u16 v) { __builtin_memcpy(p, &v, 2); }

NOINLINE static void copy(u8 *d, const u8 *s, usize n) { __builtin_memcpy(d, s, n); }
NOINLINE static void move(u8 *d, const u8 *s, usize n) { __builtin_memmove(d, s, n); }
NOINLINE static void fill(u8 *d, i32 c, usize n) { __builtin_memset(d, c, n); }

static u32 checksum(const u8 *p, usize n) {
  u32 h = 2166136261u; /* FNV-1a */
  for (usize i = 0; i < n; i++) h = (h ^ p[i]) * 16777619u;
  return h;
}

PROGRAM_MAIN {
  u8 *b = (u8 *)opqp(buf);
  u32 k = opq32(7);
  for (u32 i = 0; i < 300; i++) b[i] = (u8)(i * k + 1);

  fill(b + opq32(3), 0xAB, opq32(37));       /* [3, 40) */
  copy(b + 101, b + 1, opq32(61));            /* disjoint, both odd */
  move(b + 10, b + 5, opq32(50));             /* overlap, dst above src */
  move(b + 200, b + 213, opq32(40));          /* overlap, dst below src */
  copy(b + 299, b, opq32(0));                 /* zero length */
  fill(b + 150, 0x100 + 0x5C, opq32(9));      /* memset takes the low byte */
  fill(b + 0, 0, 0);
  assert_eq_i32((i32)checksum(b, 300), (i32)0x1510ae33u);
  assert_eq_i32(b[3], 0xAB);
  assert_eq_i32(b[158], 0x5C);
  assert_eq_i32(b[162], (u8)(162 * 7 + 1));

  /* every width, signed and unsigned, aligned: one 8-byte slot seen through a union */
  Words *w = (Words *)opqp(&words);
  w->q = opq64(0x8899AABBCCDDEEFFull);
  assert_eq_i32(w->b[0], 0xFF); /* little-endian */
  assert_eq_i32(w->b[7], 0x88);
  assert_eq_i32(w->sb[0], -1);
  assert_eq_i32(w->b[0], 0xFF);
  assert_eq_i32(w->sh[0], (i16)0xEEFF);
  assert_eq_i32(w->h[0], 0xEEFF);
  assert_eq_i32(w->sw[0], (i32)0xCCDDEEFFu);
  assert_eq_i64(w->sb[4], (i8)0xBB);
  assert_eq_i64(w->b[4], 0xBB);
  assert_eq_i64(w->sh[2], (i16)0xAABB);
  assert_eq_i64(w->h[2], 0xAABB);
  assert_eq_i64(w->sw[1], (i32)0x8899AABBu);
  assert_eq_i64(w->w[1], 0x8899AABBLL);
  assert_eq_i64(w->sq, (i64)0x8899AABBCCDDEEFFull);
  u64 wide = opq64(0x0102030405060708ull);
  w->b[0] = (u8)wide;   /* i64.store8 at -O2 */
  w->b[1] = 0x99;
  w->h[1] = (u16)wide;  /* i64.store16 */
  w->w[1] = (u32)wide;  /* i64.store32 */
  assert_eq_i64(w->sq, 0x0506070807089908LL);

  /* unaligned, through memcpy */
  for (u32 off = 1; off < 8; off++) {
    u8 *p = b + 270 + off;
    store_u64(p, 0x1122334455667788ull + off);
    assert_eq_i64((i64)load_u64(p), (i64)(0x1122334455667788ull + off));
    assert_eq_i32((i32)load_u32(p + 1), 0x44556677);
    store_u32(p, 0xDEADBEEFu);
    store_u16(p + 4, 0xCAFE);
    assert_eq_i64((i64)load_u64(p), (i64)0x1122CAFEDEADBEEFull);
    assert_eq_i32(load_u16(p + 3), 0xFEDE);
  }

  /* packed struct fields */
  Packed *pk = (Packed *)opqp(packed);
  for (i32 i = 0; i < 3; i++) {
    pk[i].tag = (u8)i;
    pk[i].a = 0xA0000000u + (u32)i;
    pk[i].b = (u16)(0xB000 + i);
    pk[i].c = 0xC000000000000000ull + (u64)i;
    pk[i].d = (i8)(-1 - i);
    pk[i].e = (i16)(-1000 - i);
    pk[i].f = -100000 - i;
    pk[i].g = -10000000000LL - i;
  }
  assert_eq_i32((i32)sizeof(Packed), 30);
  u64 total = 0;
  for (i32 i = 0; i < 3; i++)
    total += pk[i].tag + pk[i].a + pk[i].b + pk[i].c + (u64)(pk[i].d + pk[i].e + pk[i].f) + (u64)pk[i].g;
  assert_eq_i64((i64)total, (i64)0x3ffffffae3d9c465ull);
  const u8 *raw = (const u8 *)packed;
  assert_eq_i32(raw[30], 1);                       /* packed[1].tag */
  assert_eq_i32((i32)load_u32(raw + 31), (i32)0xA0000001u);
  assert_eq_i32((i32)checksum(raw, sizeof packed), (i32)0x32717205u);

  /* struct copies */
  for (u32 i = 0; i < 12; i++) big_a.words[i] = i * 0x01010101u;
  for (u32 i = 0; i < 7; i++) big_a.bytes[i] = (u8)(0xF0 + i);
  big_b = big_a;
  Big local = big_b;
  local.words[11] ^= 0xFFFFFFFFu;
  big_a = local;
  assert_eq_i32((i32)big_b.words[11], 0x0B0B0B0B);
  assert_eq_i32((i32)big_a.words[11], (i32)0xF4F4F4F4u);
  assert_eq_i32(big_a.bytes[6], 0xF6);
  assert_eq_i32((i32)checksum((const u8 *)&big_b, sizeof big_b), (i32)0xe0cfdda0u);
}
