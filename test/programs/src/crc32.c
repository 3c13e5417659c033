/* CRC-32 (IEEE 802.3, reflected, poly 0xEDB88320) three ways: a 256-entry table built at run
 * time, bit by bit with a branch, and bit by bit branch-free; plus CRC-32C (Castagnoli) bit by
 * bit. Check values: CRC-32("123456789") = 0xCBF43926, CRC-32C("123456789") = 0xE3069283; a
 * 256-byte buffer from an LCG checked against zlib's crc32 (0x83E2BACF), also fed
 * incrementally. */
#include "common.h"

static u32 table[256];

static void build_table(void) {
  for (u32 n = 0; n < 256; n++) {
    u32 c = n;
    for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[n] = c;
  }
}

/* incremental: start with crc = 0, feed the previous result back in */
static u32 crc_table(u32 crc, const u8 *p, usize n) {
  u32 c = ~crc;
  while (n--) c = table[(c ^ *p++) & 0xff] ^ (c >> 8);
  return ~c;
}

static u32 crc_bitwise_branch(const u8 *p, usize n) {
  u32 c = 0xFFFFFFFFu;
  for (usize i = 0; i < n; i++) {
    c ^= p[i];
    for (int k = 0; k < 8; k++) {
      if (c & 1) c = (c >> 1) ^ 0xEDB88320u;
      else c >>= 1;
    }
  }
  return c ^ 0xFFFFFFFFu;
}

static u32 crc_bitwise_mask(u32 poly, const u8 *p, usize n) {
  u32 c = 0xFFFFFFFFu;
  for (usize i = 0; i < n; i++) {
    c ^= p[i];
    for (int k = 0; k < 8; k++) c = (c >> 1) ^ (poly & (0u - (c & 1)));
  }
  return ~c;
}

static u8 buf[256];

PROGRAM_MAIN {
  build_table();
  assert_eq_i32((i32)table[0], 0);
  assert_eq_i32((i32)table[1], (i32)0x77073096u);
  assert_eq_i32((i32)table[128], (i32)0xEDB88320u);
  assert_eq_i32((i32)table[255], (i32)0x2D02EF8Du);

  const u8 *digits = (const u8 *)opqp("123456789");
  assert_eq_i32((i32)crc_table(0, digits, 9), (i32)0xCBF43926u);
  assert_eq_i32((i32)crc_bitwise_branch(digits, 9), (i32)0xCBF43926u);
  assert_eq_i32((i32)crc_bitwise_mask(0xEDB88320u, digits, 9), (i32)0xCBF43926u);
  assert_eq_i32((i32)crc_bitwise_mask(0x82F63B78u, digits, 9), (i32)0xE3069283u);
  assert_eq_i32((i32)crc_table(0, digits, 0), 0);

  u32 x = opq32(1);
  for (usize i = 0; i < sizeof buf; i++) {
    x = x * 1664525u + 1013904223u;
    buf[i] = (u8)(x >> 24);
  }
  assert_eq_i32((i32)crc_table(0, buf, sizeof buf), (i32)0x83E2BACFu);
  assert_eq_i32((i32)crc_table(0, buf, 100), (i32)0xAE4320E2u);
  assert_eq_i32((i32)crc_table(crc_table(crc_table(0, buf, 100), buf + 100, 1), buf + 101, 155),
                (i32)0x83E2BACFu);
  assert_eq_i32((i32)crc_bitwise_branch(buf, sizeof buf), (i32)0x83E2BACFu);
  assert_eq_i32((i32)crc_bitwise_mask(0x82F63B78u, buf, sizeof buf), (i32)0x38703DC8u);
}
