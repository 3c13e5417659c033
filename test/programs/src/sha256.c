/* SHA-256 (FIPS 180-4), streaming: init / update / final. Checked against the published
 * digests of "abc", "" and the 448-bit two-block message, and against the digest of a
 * 1000-byte buffer (b[i] = (31*i + 7) mod 256, digest from an independent implementation)
 * fed in irregular chunks. */
#include "common.h"

static const u32 K[64] = {
  0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u, 0x923f82a4u, 0xab1c5ed5u,
  0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u, 0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u, 0xc19bf174u,
  0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau,
  0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u, 0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u,
  0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu, 0x53380d13u, 0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u,
  0xa2bfe8a1u, 0xa81a664bu, 0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u,
  0x19a4c116u, 0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
  0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u, 0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u,
};

typedef struct {
  u32 h[8];
  u8 block[64];
  u32 used;   /* bytes in block */
  u64 length; /* total bytes hashed */
} Sha256;

static u32 rotr(u32 x, u32 n) { return (x >> n) | (x << (32 - n)); }

static void compress(u32 h[8], const u8 *p) {
  u32 w[64];
  for (int i = 0; i < 16; i++)
    w[i] = (u32)p[4 * i] << 24 | (u32)p[4 * i + 1] << 16 | (u32)p[4 * i + 2] << 8 | (u32)p[4 * i + 3];
  for (int i = 16; i < 64; i++) {
    u32 s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
    u32 s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  u32 a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
  for (int i = 0; i < 64; i++) {
    u32 S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
    u32 ch = (e & f) ^ (~e & g);
    u32 t1 = hh + S1 + ch + K[i] + w[i];
    u32 S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
    u32 maj = (a & b) ^ (a & c) ^ (b & c);
    u32 t2 = S0 + maj;
    hh = g; g = f; f = e; e = d + t1;
    d = c; c = b; b = a; a = t1 + t2;
  }
  h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

static void sha_init(Sha256 *s) {
  static const u32 iv[8] = { 0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
                             0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u };
  for (int i = 0; i < 8; i++) s->h[i] = iv[i];
  s->used = 0;
  s->length = 0;
}

static void sha_update(Sha256 *s, const u8 *p, usize n) {
  s->length += n;
  while (n > 0) {
    if (s->used == 0 && n >= 64) { compress(s->h, p); p += 64; n -= 64; continue; }
    u32 take = 64 - s->used;
    if (take > n) take = (u32)n;
    for (u32 i = 0; i < take; i++) s->block[s->used + i] = p[i];
    s->used += take; p += take; n -= take;
    if (s->used == 64) { compress(s->h, s->block); s->used = 0; }
  }
}

static void sha_final(Sha256 *s, u32 out[8]) {
  u64 bits = s->length * 8;
  u8 pad = 0x80;
  sha_update(s, &pad, 1);
  u8 zero = 0;
  while (s->used != 56) sha_update(s, &zero, 1);
  u8 len[8];
  for (int i = 0; i < 8; i++) len[i] = (u8)(bits >> (56 - 8 * i));
  sha_update(s, len, 8);
  for (int i = 0; i < 8; i++) out[i] = s->h[i];
}

static void check(const u32 got[8], const u32 want[8]) {
  for (int i = 0; i < 8; i++) assert_eq_i32((i32)got[i], (i32)want[i]);
}

static void hash_string(const char *str, const u32 want[8]) {
  usize n = 0;
  while (str[n]) n++;
  Sha256 s;
  u32 out[8];
  sha_init(&s);
  sha_update(&s, (const u8 *)opqp((void *)str), n);
  sha_final(&s, out);
  check(out, want);
}

static u8 buffer[1000];

PROGRAM_MAIN {
  static const u32 abc[8] = { 0xba7816bfu, 0x8f01cfeau, 0x414140deu, 0x5dae2223u,
                              0xb00361a3u, 0x96177a9cu, 0xb410ff61u, 0xf20015adu };
  static const u32 empty[8] = { 0xe3b0c442u, 0x98fc1c14u, 0x9afbf4c8u, 0x996fb924u,
                                0x27ae41e4u, 0x649b934cu, 0xa495991bu, 0x7852b855u };
  static const u32 two_blocks[8] = { 0x248d6a61u, 0xd20638b8u, 0xe5c02693u, 0x0c3e6039u,
                                     0xa33ce459u, 0x64ff2167u, 0xf6ecedd4u, 0x19db06c1u };
  static const u32 buf1000[8] = { 0x5097e7d5u, 0x87352f50u, 0x97062ae6u, 0x79f37bdau,
                                  0x5802d9f8u, 0x75aba14cu, 0x8cb4d1a1u, 0x88ada179u };
  hash_string("abc", abc);
  hash_string("", empty);
  hash_string("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", two_blocks);

  u32 step = opq32(31);
  for (u32 i = 0; i < sizeof buffer; i++) buffer[i] = (u8)(i * step + 7);

  /* in chunks of 1, 63, 200, 5 and the rest: exercises both the buffered path and the
   * whole-block path of sha_update */
  static const u32 chunks[] = { 1, 63, 200, 5, 731 };
  const u8 *p = buffer;
  Sha256 s;
  u32 out[8];
  sha_init(&s);
  for (int i = 0; i < 5; i++) { sha_update(&s, p, chunks[i]); p += chunks[i]; }
  sha_final(&s, out);
  check(out, buf1000);
}
