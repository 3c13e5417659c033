// keccak.c: Keccak-f[1600] and the Keccak sponge with the original (pre-SHA-3) padding 0x01 … 0x80,
// which NEAR's keccak256 / keccak512 host functions use (as Ethereum does). 64-bit integer arithmetic.
#include "host.h"

static const u64 RC[24] = {
  0x0000000000000001ull, 0x0000000000008082ull, 0x800000000000808Aull, 0x8000000080008000ull,
  0x000000000000808Bull, 0x0000000080000001ull, 0x8000000080008081ull, 0x8000000000008009ull,
  0x000000000000008Aull, 0x0000000000000088ull, 0x0000000080008009ull, 0x000000008000000Aull,
  0x000000008000808Bull, 0x800000000000008Bull, 0x8000000000008089ull, 0x8000000000008003ull,
  0x8000000000008002ull, 0x8000000000000080ull, 0x000000000000800Aull, 0x800000008000000Aull,
  0x8000000080008081ull, 0x8000000000008080ull, 0x0000000080000001ull, 0x8000000080008008ull,
};

static inline u64 rotl(u64 x, u32 n) { return (x << n) | (x >> (64 - n)); }

/* unrolled within a round, so that every rotation is by a constant (a variable one is a helper
   call on our machine) */
static void keccakf(u64 s[25]) {
  for (int round = 0; round < 24; round++) {
    u64 c0 = s[0] ^ s[5] ^ s[10] ^ s[15] ^ s[20];
    u64 c1 = s[1] ^ s[6] ^ s[11] ^ s[16] ^ s[21];
    u64 c2 = s[2] ^ s[7] ^ s[12] ^ s[17] ^ s[22];
    u64 c3 = s[3] ^ s[8] ^ s[13] ^ s[18] ^ s[23];
    u64 c4 = s[4] ^ s[9] ^ s[14] ^ s[19] ^ s[24];
    u64 d0 = c4 ^ rotl(c1, 1), d1 = c0 ^ rotl(c2, 1), d2 = c1 ^ rotl(c3, 1);
    u64 d3 = c2 ^ rotl(c4, 1), d4 = c3 ^ rotl(c0, 1);
    for (int y = 0; y < 25; y += 5) {
      s[y] ^= d0;
      s[y + 1] ^= d1;
      s[y + 2] ^= d2;
      s[y + 3] ^= d3;
      s[y + 4] ^= d4;
    }
    u64 t = s[1], u;
    u = s[10]; s[10] = rotl(t, 1); t = u;
    u = s[7]; s[7] = rotl(t, 3); t = u;
    u = s[11]; s[11] = rotl(t, 6); t = u;
    u = s[17]; s[17] = rotl(t, 10); t = u;
    u = s[18]; s[18] = rotl(t, 15); t = u;
    u = s[3]; s[3] = rotl(t, 21); t = u;
    u = s[5]; s[5] = rotl(t, 28); t = u;
    u = s[16]; s[16] = rotl(t, 36); t = u;
    u = s[8]; s[8] = rotl(t, 45); t = u;
    u = s[21]; s[21] = rotl(t, 55); t = u;
    u = s[24]; s[24] = rotl(t, 2); t = u;
    u = s[4]; s[4] = rotl(t, 14); t = u;
    u = s[15]; s[15] = rotl(t, 27); t = u;
    u = s[23]; s[23] = rotl(t, 41); t = u;
    u = s[19]; s[19] = rotl(t, 56); t = u;
    u = s[13]; s[13] = rotl(t, 8); t = u;
    u = s[12]; s[12] = rotl(t, 25); t = u;
    u = s[2]; s[2] = rotl(t, 43); t = u;
    u = s[20]; s[20] = rotl(t, 62); t = u;
    u = s[14]; s[14] = rotl(t, 18); t = u;
    u = s[22]; s[22] = rotl(t, 39); t = u;
    u = s[9]; s[9] = rotl(t, 61); t = u;
    u = s[6]; s[6] = rotl(t, 20); t = u;
    u = s[1]; s[1] = rotl(t, 44); t = u;
    for (int y = 0; y < 25; y += 5) {
      u64 b0 = s[y], b1 = s[y + 1], b2 = s[y + 2], b3 = s[y + 3], b4 = s[y + 4];
      s[y] = b0 ^ (~b1 & b2);
      s[y + 1] = b1 ^ (~b2 & b3);
      s[y + 2] = b2 ^ (~b3 & b4);
      s[y + 3] = b3 ^ (~b4 & b0);
      s[y + 4] = b4 ^ (~b0 & b1);
    }
    s[0] ^= RC[round];
  }
}

void keccak_buf(const u8 *p, u32 len, u32 rate_words, u64 *out, u32 out_words) {
  u64 s[25];
  for (int i = 0; i < 25; i++) s[i] = 0;
  const u64 *w = (const u64 *)p;
  u32 rate = rate_words * 8;
  u32 nfull = len / rate;
  for (u32 b = 0; b < nfull; b++, w += rate_words) {
    for (u32 i = 0; i < rate_words; i++) s[i] ^= w[i];
    keccakf(s);
  }
  u32 r = len - nfull * rate;
  for (u32 i = 0; i < (r + 7) >> 3; i++) s[i] ^= w[i];
  s[r >> 3] ^= 0x01ull << ((r & 7) * 8);
  s[rate_words - 1] ^= 0x80ull << 56;
  keccakf(s);
  for (u32 i = 0; i < out_words; i++) out[i] = s[i];
}
