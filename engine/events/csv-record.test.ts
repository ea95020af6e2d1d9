import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CsvRecordParser, sniffDelimiter, type CsvRecord } from './csv-record.js';

function parseLines(lines: string[], delimiter = ','): Array<CsvRecord | undefined> {
  const parser = new CsvRecordParser(delimiter);
  return lines.map((line) => parser.feed(line));
}

test('plain and quoted fields, doubled quotes, empty fields', () => {
  assert.deepEqual(parseLines(['a,b,,d,']), [{ fields: ['a', 'b', '', 'd', ''] }]);
  assert.deepEqual(parseLines(['"a,1","say ""hi""",,"",x']), [{ fields: ['a,1', 'say "hi"', '', '', 'x'] }]);
  assert.deepEqual(parseLines(['']), [{ fields: [''] }]);
  assert.deepEqual(parseLines(['a\tb\t"c\td"'], '\t'), [{ fields: ['a', 'b', 'c\td'] }]);
});

test('a quoted field spanning lines completes on the line that closes it (empty lines kept)', () => {
  assert.deepEqual(parseLines(['1,"first', '', 'third ""q""', 'end",z', '2,b']), [
    undefined,
    undefined,
    undefined,
    { fields: ['1', 'first\n\nthird "q"\nend', 'z'] },
    { fields: ['2', 'b'] },
  ]);
});

test('lenient quotes: a quote inside an unquoted field is literal; text after a closing quote is kept and reported', () => {
  assert.deepEqual(parseLines(['5" pipe,ok']), [{ fields: ['5" pipe', 'ok'] }]);
  assert.deepEqual(parseLines(['"bad"q,y']), [{ fields: ['"bad"q', 'y'], problem: 'text after the closing quote of field 1' }]);
});

test('an open record can be closed at the line end', () => {
  const parser = new CsvRecordParser(',');
  assert.equal(parser.feed('1,"never closed'), undefined);
  assert.equal(parser.isOpen, true);
  assert.deepEqual(parser.closeOpenRecord(), { fields: ['1', 'never closed'] });
  assert.equal(parser.isOpen, false);
  assert.deepEqual(parser.feed('2,ok'), { fields: ['2', 'ok'] });
});

test('delimiter sniffing counts outside quotes', () => {
  assert.equal(sniffDelimiter('a;b;c'), ';');
  assert.equal(sniffDelimiter('a\tb\tc,d'), '\t');
  assert.equal(sniffDelimiter('"x,y,z"|b|c'), '|');
  assert.equal(sniffDelimiter('single'), ',');
  assert.throws(() => new CsvRecordParser('"'), /delimiter/);
  assert.throws(() => new CsvRecordParser('::'), /delimiter/);
});
