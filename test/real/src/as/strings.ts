// Strings (UTF-16): concatenation in a loop, template-free building with String#concat and +=,
// substring / slice / indexOf / lastIndexOf / includes / startsWith, split and join, replaceAll,
// toUpperCase / toLowerCase, padStart / padEnd / repeat / trim, charCodeAt and
// String.fromCharCode, integer toString in radix 2 / 10 / 16 and I32.parseInt / I64.parseInt
// (AssemblyScript parses integers with integer arithmetic), and string comparison / sorting.
// TAPE: [12345, 20]
// TAPE: [4294967295, 3]
// TAPE: [0, 0]
import { input_i32, output_i32, output_i64, setSeed, rand, Fnv } from "./io";

export function main(): void {
  const a = <u32>input_i32();
  const k = input_i32();
  setSeed(<u64>a + 17);
  const h = new Fnv();

  let s = "";
  const syll = ["ka", "lo", "Mi", "ne", " su ", "TA", "x"];
  for (let i = 0; i < k + 4; i++) s += syll[rand(7)];
  h.str(s);
  const up = s.toUpperCase();
  const low = s.toLowerCase();
  const trimmed = s.trim();
  h.str(up); h.str(low); h.str(trimmed);
  const parts = s.split(" ");
  const joined = parts.join("|");
  h.str(joined);
  const replaced = s.replaceAll("ka", "<KA>");
  h.str(replaced);
  const idx = s.indexOf("lo") * 1000 + s.lastIndexOf("x") + (s.includes("TA") ? 7 : 0) + (s.startsWith("ka") ? 3 : 0);
  const sub = s.substring(2, 9) + "/" + s.slice(-5);
  h.str(sub);
  const padded = a.toString().padStart(12, "0") + "|" + k.toString().padEnd(6, ".") + "|" + "ab".repeat(k % 5);
  h.str(padded);

  const dec = a.toString();
  const hex = a.toString(16);
  const bin = (<u64>a * 3).toString(2);
  h.str(dec); h.str(hex); h.str(bin);
  const back = <u32>I64.parseInt(dec, 10);
  const backHex = <u32>I64.parseInt(hex, 16);
  const neg = I32.parseInt("-" + (a % 100000).toString(), 10);

  let codes = 0;
  for (let i = 0; i < s.length; i++) codes = codes * 31 + s.charCodeAt(i);
  let built = "";
  for (let i = 0; i < 26; i++) built += String.fromCharCode(65 + <i32>((a + i) % 26));
  h.str(built);

  const words = new Array<string>();
  for (let i = 0; i < parts.length; i++) if (parts[i].length > 0) words.push(parts[i]);
  words.sort((x: string, y: string): i32 => x < y ? -1 : x > y ? 1 : 0);
  for (let i = 0; i < words.length; i++) h.str(words[i]);
  const cmp = ("abc" < "abd" ? 1 : 0) + ("b" > "a" ? 2 : 0) + (s == s.slice(0) ? 4 : 0) + ("é".length == 1 ? 8 : 0);

  output_i32(s.length * 1000 + parts.length);
  output_i32(idx);
  output_i32((back == a ? 1 : 0) + (backHex == a ? 2 : 0));
  output_i32(neg);
  output_i32(codes);
  output_i32(cmp);
  output_i64(<i64>h.h);
}
