// sha256.c: SHA-256 (FIPS 180-4) in 32-bit integer arithmetic, for the NEAR host.
//
// The message is read 8 bytes at a time as little-endian words; a block is 8 words, each giving
// two big-endian schedule words by a byte swap.
#include "host.h"

static const u32 K[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static inline u32 rotr(u32 x, u32 n) { return (x >> n) | (x << (32 - n)); }
/* the two big-endian 32-bit words of 8 little-endian bytes: both halves byte swapped at once */
static inline u64 bswap_halves(u64 x) {
  x = ((x >> 8) & 0x00ff00ff00ff00ffull) | ((x & 0x00ff00ff00ff00ffull) << 8);
  return ((x >> 16) & 0x0000ffff0000ffffull) | ((x & 0x0000ffff0000ffffull) << 16);
}

#define S0(x) (rotr(x, 2) ^ rotr(x, 13) ^ rotr(x, 22))
#define S1(x) (rotr(x, 6) ^ rotr(x, 11) ^ rotr(x, 25))
#define s0(x) (rotr(x, 7) ^ rotr(x, 18) ^ ((x) >> 3))
#define s1(x) (rotr(x, 17) ^ rotr(x, 19) ^ ((x) >> 10))
/* one round; the caller rotates the names instead of the values */
#define ROUND(a, b, c, d, e, f, g, h, i)                                 \
  do {                                                                   \
    u32 t1 = h + S1(e) + (g ^ (e & (f ^ g))) + K[i] + w[(i) & 15];       \
    d += t1;                                                             \
    h = t1 + S0(a) + ((a & b) | (c & (a | b)));                          \
  } while (0)
#define EXPAND(i) (w[(i) & 15] += s0(w[((i) + 1) & 15]) + w[((i) + 9) & 15] + s1(w[((i) + 14) & 15]))
#define ROUND8(i)                                                        \
  do {                                                                   \
    ROUND(a, b, c, d, e, f, g, hh, (i) + 0);                             \
    ROUND(hh, a, b, c, d, e, f, g, (i) + 1);                             \
    ROUND(g, hh, a, b, c, d, e, f, (i) + 2);                             \
    ROUND(f, g, hh, a, b, c, d, e, (i) + 3);                             \
    ROUND(e, f, g, hh, a, b, c, d, (i) + 4);                             \
    ROUND(d, e, f, g, hh, a, b, c, (i) + 5);                             \
    ROUND(c, d, e, f, g, hh, a, b, (i) + 6);                             \
    ROUND(b, c, d, e, f, g, hh, a, (i) + 7);                             \
  } while (0)
#define EXPAND8(i)                                                       \
  do {                                                                   \
    EXPAND((i) + 0); EXPAND((i) + 1); EXPAND((i) + 2); EXPAND((i) + 3);  \
    EXPAND((i) + 4); EXPAND((i) + 5); EXPAND((i) + 6); EXPAND((i) + 7);  \
  } while (0)

/* Fully unrolled, so that K and the schedule indices are constants: on our machine the schedule
   words are then locals, and K immediates. */
static void compress(u32 st[8], const u64 *blk) {
  u32 w[16];
  for (int i = 0; i < 8; i++) {
    u64 x = bswap_halves(blk[i]);
    w[2 * i] = (u32)x;
    w[2 * i + 1] = (u32)(x >> 32);
  }
  u32 a = st[0], b = st[1], c = st[2], d = st[3], e = st[4], f = st[5], g = st[6], hh = st[7];
  ROUND8(0);
  ROUND8(8);
  EXPAND8(16); ROUND8(16);
  EXPAND8(24); ROUND8(24);
  EXPAND8(32); ROUND8(32);
  EXPAND8(40); ROUND8(40);
  EXPAND8(48); ROUND8(48);
  EXPAND8(56); ROUND8(56);
  st[0] += a; st[1] += b; st[2] += c; st[3] += d;
  st[4] += e; st[5] += f; st[6] += g; st[7] += hh;
}

static void init(u32 h[8]) {
  h[0] = 0x6a09e667; h[1] = 0xbb67ae85; h[2] = 0x3c6ef372; h[3] = 0xa54ff53a;
  h[4] = 0x510e527f; h[5] = 0x9b05688c; h[6] = 0x1f83d9ab; h[7] = 0x5be0cd19;
}

/* Pads and compresses the last block(s): blk holds r < 64 message bytes (zero padded to a word),
   the message has total bytes in all. */
static void finish(u32 h[8], u64 blk[8], u32 r, u64 total, u64 out[4]) {
  u32 i = r >> 3;
  u64 pad = 0x80ull << ((r & 7) * 8);
  blk[i] = (r & 7 ? blk[i] : 0) | pad;
  for (u32 j = i + 1; j < 8; j++) blk[j] = 0;
  if (r >= 56) {
    compress(h, blk);
    for (u32 j = 0; j < 8; j++) blk[j] = 0;
  }
  u64 bits = total << 3;
  blk[7] = bswap_halves((bits >> 32) | (bits << 32));
  compress(h, blk);
  for (int k = 0; k < 4; k++) out[k] = bswap_halves((u64)h[2 * k] | ((u64)h[2 * k + 1] << 32));
}

void sha256_init(sha256_ctx *c) {
  init(c->h);
  c->nblk = 0;
  c->nwords = 0;
}

void sha256_word(sha256_ctx *c, u64 w) {
  c->blk[c->nblk++] = w;
  c->nwords++;
  if (c->nblk == 8) {
    compress(c->h, c->blk);
    c->nblk = 0;
  }
}

void sha256_final(sha256_ctx *c, u64 out[4]) {
  finish(c->h, c->blk, c->nblk * 8, c->nwords * 8, out);
}

void sha256_buf(const u8 *p, u32 len, u64 out[4]) {
  u32 h[8];
  u64 blk[8];
  init(h);
  const u64 *w = (const u64 *)p;
  u32 nfull = len >> 6;
  for (u32 b = 0; b < nfull; b++) compress(h, w + 8 * b);
  u32 r = len & 63;
  for (u32 i = 0; i < (r + 7) >> 3; i++) blk[i] = w[8 * nfull + i];
  finish(h, blk, r, len, out);
}
