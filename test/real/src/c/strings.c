/* String handling without libc: length, compare, search (naive and KMP), integer <-> text in
 * any base, a small printf (%d %u %x %s %c with width and zero padding), word reversal in place,
 * palindromes, run-length encoding and decoding, and a case-folding comparison.
 * TAPE: [12345, 4294966618, 20]
 * TAPE: [0, 2147483647, 3]
 * TAPE: [4294967295, 2147483648, 0]
 */
#include "io.h"

static char buf[4096];

static i32 str_cmp(const char *a, const char *b) {
  while (*a && *a == *b) a++, b++;
  return (u8)*a - (u8)*b;
}

static i32 find_naive(const char *hay, const char *needle) {
  usize n = str_len(hay), m = str_len(needle);
  for (usize i = 0; i + m <= n; i++) {
    usize j = 0;
    while (j < m && hay[i + j] == needle[j]) j++;
    if (j == m) return (i32)i;
  }
  return -1;
}

static i32 find_kmp(const char *hay, const char *needle) {
  i32 fail[64];
  i32 m = (i32)str_len(needle);
  if (m == 0) return 0;
  fail[0] = -1;
  for (i32 i = 1, k = -1; i < m; i++) {
    while (k >= 0 && needle[k + 1] != needle[i]) k = fail[k];
    if (needle[k + 1] == needle[i]) k++;
    fail[i] = k;
  }
  for (i32 i = 0, k = -1; hay[i]; i++) {
    while (k >= 0 && needle[k + 1] != hay[i]) k = fail[k];
    if (needle[k + 1] == hay[i]) k++;
    if (k == m - 1) return i - m + 1;
  }
  return -1;
}

static usize utoa(u64 v, u32 base, char *out) {
  char tmp[66];
  usize n = 0;
  do { tmp[n++] = "0123456789abcdefghijklmnopqrstuvwxyz"[v % base]; v /= base; } while (v);
  for (usize i = 0; i < n; i++) out[i] = tmp[n - 1 - i];
  out[n] = 0;
  return n;
}

static i64 atoi_base(const char *s, u32 base) {
  i64 sign = 1, v = 0;
  if (*s == '-') sign = -1, s++;
  for (; *s; s++) {
    u32 d = *s >= 'a' ? (u32)(*s - 'a' + 10) : *s >= 'A' ? (u32)(*s - 'A' + 10) : (u32)(*s - '0');
    if (d >= base) break;
    v = v * base + d;
  }
  return sign * v;
}

/* a small printf: returns the length written */
static usize fmt(char *out, const char *f, const i64 *args) {
  usize n = 0;
  for (; *f; f++) {
    if (*f != '%') { out[n++] = *f; continue; }
    f++;
    char pad = ' ';
    if (*f == '0') pad = '0', f++;
    u32 width = 0;
    while (*f >= '0' && *f <= '9') width = width * 10 + (u32)(*f++ - '0');
    char tmp[70];
    usize len;
    i64 a = *args++;
    switch (*f) {
    case 'd':
      if (a < 0) { tmp[0] = '-'; len = 1 + utoa((u64)-(a + 1) + 1, 10, tmp + 1); }
      else len = utoa((u64)a, 10, tmp);
      break;
    case 'u': len = utoa((u32)a, 10, tmp); break;
    case 'x': len = utoa((u64)a, 16, tmp); break;
    case 'b': len = utoa((u64)a, 2, tmp); break;
    case 'c': tmp[0] = (char)a; len = 1; break;
    case 's': {
      const char *s = (const char *)(usize)a;
      len = 0;
      while (s[len] && len < 69) { tmp[len] = s[len]; len++; }
      break;
    }
    default: tmp[0] = '?'; len = 1; break;
    }
    for (; len < width; width--) out[n++] = pad;
    for (usize i = 0; i < len; i++) out[n++] = tmp[i];
  }
  out[n] = 0;
  return n;
}

static void reverse(char *s, usize n) {
  for (usize i = 0; i < n / 2; i++) { char t = s[i]; s[i] = s[n - 1 - i]; s[n - 1 - i] = t; }
}

static void reverse_words(char *s) {
  usize n = str_len(s);
  reverse(s, n);
  for (usize i = 0; i < n;) {
    usize j = i;
    while (j < n && s[j] != ' ') j++;
    reverse(s + i, j - i);
    i = j + 1;
  }
}

static i32 is_palindrome(const char *s) {
  usize n = str_len(s);
  for (usize i = 0; i < n / 2; i++) if (s[i] != s[n - 1 - i]) return 0;
  return 1;
}

static usize rle(const char *s, char *out) {
  usize n = 0;
  while (*s) {
    char c = *s;
    u32 k = 0;
    while (*s == c && k < 9) s++, k++;
    out[n++] = (char)('0' + k);
    out[n++] = c;
  }
  out[n] = 0;
  return n;
}

static usize unrle(const char *s, char *out) {
  usize n = 0;
  for (; s[0] && s[1]; s += 2) for (i32 k = s[0] - '0'; k > 0; k--) out[n++] = s[1];
  out[n] = 0;
  return n;
}

static i32 casecmp(const char *a, const char *b) {
  for (;; a++, b++) {
    char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
    char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
    if (x != y || !x) return x - y;
  }
}

PROGRAM_MAIN {
  u32 a = (u32)input_i32();
  i32 b = input_i32();
  u32 k = (u32)input_i32();
  rng_state = a ^ (u32)b;
  u64 h = FNV_INIT;

  i64 args[] = {(i64)b, (i64)a, (i64)a, (i64)(usize) "zk", 'q', (i64)b, (i64)(a & 0xff)};
  usize n = fmt(buf, "[%d] [%10u] [%08x] [%s] [%c] [%-d] [%b]", args);
  h = fnv(h, buf, n);

  char num[70];
  u32 ok = 0;
  for (u32 base = 2; base <= 36; base += 7) {
    usize len = utoa(a, base, num);
    ok += atoi_base(num, base) == (i64)a;
    h = fnv(h, num, len);
  }

  /* build a text of k+5 pseudo-random words */
  static const char *const words[] = {"alpha", "beta", "gamma", "delta", "level", "noon", "zk", "wasm"};
  usize len = 0;
  for (u32 i = 0; i < k + 5; i++) {
    const char *w = words[rng() % 8];
    if (i) buf[len++] = ' ';
    while (*w) buf[len++] = *w++;
  }
  buf[len] = 0;
  i32 pos_naive = find_naive(buf, "noon");
  i32 pos_kmp = find_kmp(buf, "noon");
  i32 pos_miss = find_kmp(buf, "omega");
  reverse_words(buf);
  h = fnv(h, buf, len);
  i32 pals = 0;
  for (u32 i = 0; i < 8; i++) pals += is_palindrome(words[i]);

  char enc[512], dec[512];
  const char *src = "aaabccddddddddddddeffffg";
  usize elen = rle(src, enc);
  usize dlen = unrle(enc, dec);
  ok += str_cmp(src, dec) == 0;
  ok += casecmp("Hello WASM", "hello wasm") == 0;
  ok += (str_cmp("abc", "abd") < 0) + (str_cmp("b", "a") > 0);
  h = fnv(h, enc, elen);

  output_i32((i32)n);
  output_i32((i32)ok);
  output_i32(pos_naive * 1000 + pos_kmp);
  output_i32(pos_miss);
  output_i32(pals * 10000 + (i32)(elen * 100 + dlen));
  output_i64((i64)h);
}
