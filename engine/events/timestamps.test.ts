import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatNs, parseTimestampNs } from './timestamps.js';

const iso = (value: string | number): string | undefined => {
  const ns = parseTimestampNs(value);
  return ns === undefined ? undefined : formatNs(ns);
};

test('ISO 8601 and RFC 3339, exact to the nanosecond', () => {
  assert.equal(parseTimestampNs('2021-06-04T16:00:37.123456789Z'), 1622822437123456789n);
  assert.equal(iso('2021-06-04T16:00:37Z'), '2021-06-04T16:00:37.000000000Z');
  assert.equal(iso('2021-06-04 16:00:37,250'), '2021-06-04T16:00:37.250000000Z');
  assert.equal(iso('2021-06-04T18:00:37+02:00'), '2021-06-04T16:00:37.000000000Z');
  assert.equal(iso('2021-06-04T11:30:37-0430'), '2021-06-04T16:00:37.000000000Z');
  assert.equal(iso('2023-12-24T17:16:09.6921171Z'), '2023-12-24T17:16:09.692117100Z');
  assert.equal(iso('2021-06-04'), '2021-06-04T00:00:00.000000000Z');
  assert.equal(iso('2024/01/30 16:17:40'), '2024-01-30T16:17:40.000000000Z');
  assert.equal(iso('2016-09-28 04:30:30'), '2016-09-28T04:30:30.000000000Z'); // no zone: UTC
});

test('US-style exports with AM/PM or 24-hour clock', () => {
  assert.equal(iso('6/4/2021, 4:00:37.371 PM'), '2021-06-04T16:00:37.371000000Z');
  assert.equal(iso('11/4/2020, 9:21:40.000 PM'), '2020-11-04T21:21:40.000000000Z');
  assert.equal(iso('11/4/2020 21:11'), '2020-11-04T21:11:00.000000000Z');
  assert.equal(iso('1/2/2020 12:05 AM'), '2020-01-02T00:05:00.000000000Z');
  assert.equal(iso('1/2/2020 12:05 PM'), '2020-01-02T12:05:00.000000000Z');
  assert.equal(iso('25/12/2020 08:00'), '2020-12-25T08:00:00.000000000Z'); // cannot be month-first
});

test('epoch numbers by magnitude, as strings or numbers', () => {
  assert.equal(parseTimestampNs('1679253407'), 1679253407000000000n);
  assert.equal(parseTimestampNs(1679253407), 1679253407000000000n);
  assert.equal(parseTimestampNs('1679253407.5'), 1679253407500000000n);
  assert.equal(parseTimestampNs('1679253407123'), 1679253407123000000n);
  assert.equal(parseTimestampNs('1679253407123456'), 1679253407123456000n);
  assert.equal(parseTimestampNs('1706649462346864640'), 1706649462346864640n);
  assert.equal(parseTimestampNs(1706649462346864640n), 1706649462346864640n);
});

test('durations, counters and impossible or partial dates are not timestamps', () => {
  for (const value of [
    '4606',
    4606,
    '0',
    '-1679253407',
    '09:45:00.000',
    'Sep 28',
    '2021-02-30',
    '2021-13-01',
    '9710/35/71 23:41:62',
    '1852-53-44C20:82:35.910-92:99',
    '2426-42-26V26:41:24G',
    '17/06/09 20:10:40',
    'yesterday',
    '',
    '1e12',
    '123456789012345678901234',
    '6/4/2021, 13:00:00 PM',
    NaN,
  ]) {
    assert.equal(parseTimestampNs(value), undefined, `${value} should not parse`);
  }
});
