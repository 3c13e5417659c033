// Source markers: `; @ <funcName> <hexOffset> <text…>` comments.
import { describe, expect, test } from 'vitest';
import type { Comment } from '../../src/zkasm/ast.js';
import { parseZkasm } from '../../src/zkasm/parse.js';
import { printStatement } from '../../src/zkasm/print.js';
import { parseSourceMarker, sourceMarker } from '../../src/zkasm/sourcemap.js';

const comment = (text: string): Comment => ({ kind: 'comment', text, line: 0 });

describe('source markers', () => {
  test('a marker is a comment, printed as `; @ name 0xoffset text`', () => {
    const m = sourceMarker('$main', 0x1a, 'i32.add');
    expect(m).toStrictEqual(comment('@ $main 0x1a i32.add'));
    expect(printStatement(m)).toBe('        ; @ $main 0x1a i32.add');
  });

  test.each([
    ['$main', 0x1a, 'i32.add'],
    ['$f', 0, ''],
    ['func_3', 0x12345, 'local.get 0 ; with a semicolon'],
    ['my func', 7, 'call "x"'],
    ['', 1, 'x'],
  ])('round trip %j @ %i %j, also through the text', (funcName, offset, text) => {
    const m = sourceMarker(funcName, offset, text);
    expect(parseSourceMarker(m)).toStrictEqual({ funcName, offset, text });
    const [parsed] = parseZkasm(`${printStatement(m)}\n`, 'm.zkasm').statements;
    expect(parsed!.kind).toBe('comment');
    expect(parseSourceMarker(parsed as Comment)).toStrictEqual({ funcName, offset, text });
  });

  test('a line break in the text cannot break the comment', () => {
    const m = sourceMarker('$f', 2, 'a\nb');
    expect(parseSourceMarker(m)).toStrictEqual({ funcName: '$f', offset: 2, text: 'a b' });
  });

  test.each(['plain comment', '@ $main', '@ $main 1a i32.add', '@$main 0x1a', ' @ $main 0x1a x', '@ $main 0xZZ'])(
    'not a marker: %j',
    (text) => {
      expect(parseSourceMarker(comment(text))).toBeNull();
    },
  );
});
