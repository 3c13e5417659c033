// mem.c: the memcpy family, which clang may call for struct copies (there is no libc). Word at a
// time when both pointers are 8-aligned, which the host's buffers are.
#include "host.h"

void *memcpy(void *dst, const void *src, usize n) {
  u8 *d = dst;
  const u8 *s = src;
  if ((((usize)d | (usize)s) & 7) == 0) {
    for (; n >= 8; n -= 8, d += 8, s += 8) *(u64 *)d = *(const u64 *)s;
  }
  for (; n; n--) *d++ = *s++;
  return dst;
}

void *memmove(void *dst, const void *src, usize n) {
  u8 *d = dst;
  const u8 *s = src;
  if (d <= s || d >= s + n) return memcpy(dst, src, n);
  if ((((usize)d | (usize)s | n) & 7) == 0) {
    for (; n; n -= 8) *(u64 *)(d + n - 8) = *(const u64 *)(s + n - 8);
    return dst;
  }
  while (n) { n--; d[n] = s[n]; }
  return dst;
}

void *memset(void *dst, int c, usize n) {
  u8 *d = dst;
  if (((usize)d & 7) == 0) {
    u64 v = (u8)c * 0x0101010101010101ull;
    for (; n >= 8; n -= 8, d += 8) *(u64 *)d = v;
  }
  for (; n; n--) *d++ = (u8)c;
  return dst;
}

int memcmp(const void *a, const void *b, usize n) {
  const u8 *x = a, *y = b;
  for (; n; n--, x++, y++)
    if (*x != *y) return *x < *y ? -1 : 1;
  return 0;
}
