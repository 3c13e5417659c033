// host.h: what the NEAR host's C files share (host.c, sha256.c, keccak.c, mem.c).
//
// Freestanding: no libc, no floating point. Byte buffers of the host follow one rule, which the
// hashes, the outcome writer and the comparisons rely on: a buffer starts 8-aligned and its bytes
// from its length up to the next multiple of 8 are zero ("zero padded").
#ifndef NEAR_HOST_H
#define NEAR_HOST_H

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef unsigned long usize;

void *memcpy(void *dst, const void *src, usize n);
void *memmove(void *dst, const void *src, usize n);
void *memset(void *dst, int c, usize n);
int memcmp(const void *a, const void *b, usize n);

/* SHA-256 over a stream of 8-byte words (the tape), and over a zero-padded buffer. Digests are
   returned as 4 words: the digest's bytes in order, 8 a word little-endian. */
typedef struct {
  u32 h[8];
  u64 blk[8];
  u32 nblk;
  u64 nwords;
} sha256_ctx;
void sha256_init(sha256_ctx *c);
void sha256_word(sha256_ctx *c, u64 w);
void sha256_final(sha256_ctx *c, u64 out[4]);
void sha256_buf(const u8 *p, u32 len, u64 out[4]);

/* Keccak (the original padding, as Ethereum's keccak256/keccak512) over a zero-padded buffer:
   rate_words is 17 (keccak256) or 9 (keccak512); the first out_words lanes are the digest. */
void keccak_buf(const u8 *p, u32 len, u32 rate_words, u64 *out, u32 out_words);

#endif
