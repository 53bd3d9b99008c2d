// Examples from spec/reports.md §2.4 and spec/control.md §4: upstream's own outputs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pyFixed, pyFloatRepr } from '../../src/base/py-format.ts';
import {
  formatAddrRange,
  formatBp,
  formatHz,
  formatNr,
  formatPercent,
  formatPermil,
  formatSz,
  formatSzAccurate,
  formatTimeNs,
  formatTimeNsExact,
  formatTimeUs,
  textToBp,
  textToBytes,
  textToMs,
  textToNr,
  textToNs,
  textToPercent,
  textToPermil,
  textToUs,
} from '../../src/base/units.ts';

test('format_nr', () => {
  assert.equal(formatNr(0), '0');
  assert.equal(formatNr(999), '999');
  assert.equal(formatNr(1000), '1,000');
  assert.equal(formatNr(-2210000000), '-2,210,000,000');
  assert.equal(formatNr(6.667), '6');
  assert.equal(formatNr(-0.5), '-0');
  assert.equal(formatNr(1234.9), '1,234');
  assert.equal(formatNr((1n << 64n) - 1n), '18,446,744,073,709,551,615');
});

test('format_sz uses strict thresholds and half-even rounding', () => {
  const cases: [number | bigint, string][] = [
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1024 B'],
    [1025, '1.001 KiB'],
    [1048576, '1024.000 KiB'],
    [1048577, '1.000 MiB'],
    [33153024, '31.617 MiB'],
    [2 ** 30, '1024.000 MiB'],
    [5.5 * 2 ** 30, '5.500 GiB'],
    [(1n << 64n) - 1n, 'max'],
    [(1n << 64n) - 2n, 'max'],
    [0.5, '0 B'],
    [1088, '1.062 KiB'],
    [1114112, '1.062 MiB'],
  ];
  for (const [v, s] of cases) assert.equal(formatSz(v), s, `format_sz(${v})`);
  assert.equal(formatSzAccurate(33153024), '31.617188 MiB');
  assert.equal(formatSzAccurate(94827419009024n), '86.245035 TiB');
  assert.equal(formatSz(33153024, true), '33153024');
});

test('format_time_ns compact', () => {
  const cases: [number | bigint, string][] = [
    [0, '0 ns'],
    [1500, '1.500 us'],
    [1000000, '1 ms'],
    [1234567, '1.235 ms'],
    [1500000000, '1.500 s'],
    [60e9, '1 m'],
    [90.3e9, '1 m 30.300 s'],
    [99e9, '1 m 39 s'],
    [3600e9, '1 h'],
    [3661e9, '1 h 1 m 1 s'],
    [5448.2e9, '1 h 30 m 48.200 s'],
    [86400e9, '24 h'],
    [93600000000030, '26 h 30 ns'],
    [539809434100, '8 m 59.809 s'],
    [1748191609649802240n, '485608 h 46 m 49.650 s'],
    [-1.5e9, '-1.500 s'],
    [59999999999, '60.000 s'],
    [1000.4, '1.000 us'],
  ];
  for (const [v, s] of cases) assert.equal(formatTimeNs(v), s, `format_time_ns(${v})`);
  assert.equal(formatTimeUs(5000), '5 ms');
  assert.equal(formatTimeUs(5400000000), '1 h 30 m');
});

test('format_time_ns_exact', () => {
  assert.equal(formatTimeNsExact(1500), '1 us 500 ns');
  assert.equal(formatTimeNsExact(86400e9), '1 d');
  assert.equal(formatTimeNsExact(539809434100), '8 m 59 s 809 ms 434 us 100 ns');
  assert.equal(formatTimeNsExact(1748191609649802240n), '20,233 d 16 h 46 m 49 s 649 ms 802 us 240 ns');
  assert.equal(formatTimeNsExact(0), '0 ns');
  assert.equal(formatTimeNsExact(-1500000000), '-1 s 500 ms');
  assert.equal(formatTimeNsExact(1748191609649802240n, true), '1748191609649802240');
});

test('format_hz, ratios and percents', () => {
  assert.equal(formatHz(0), '0 hz');
  assert.equal(formatHz(0.333333), '0.333 hz');
  assert.equal(formatHz(1), '1.000 hz');
  assert.equal(formatHz(9.9999), '10.000 hz');
  assert.equal(formatHz(10.5), '10 hz');
  assert.equal(formatHz(1234.5), '1,234 hz');
  assert.equal(formatHz(0.333333, true), '0.333333');
  assert.equal(formatHz(200, true), '200.000000');
  assert.equal(formatPercent(0), '0 %');
  assert.equal(formatPercent(12.5), '12.5 %');
  assert.equal(formatPercent(33.333333333), '33.3333333 %');
  assert.equal(formatPercent(66.66666666666667), '66.6666667 %');
  assert.equal(formatPercent(0.1), '0.1 %');
  assert.equal(formatPercent(1e-5), '0.00001 %');
  assert.equal(formatPercent(1234.5), '1,234.5 %');
  assert.equal(formatPercent(99.99999999), '99 %');
  assert.equal(formatPercent(12.5, true), '12.500000');
  assert.equal(formatBp(400), '4 %');
  assert.equal(formatBp(1), '0.01 %');
  assert.equal(formatPermil(500), '50 %');
  assert.equal(formatAddrRange(4096, 8192), '[4,096, 8,192) (4.000 KiB)');
});

test('python float formatting', () => {
  assert.equal(pyFixed(1.0625, 3), '1.062');
  assert.equal(pyFixed(1.0635, 3), '1.063');
  assert.equal(pyFixed(2.5, 0), '2');
  assert.equal(pyFixed(-0.0001, 3), '-0.000');
  assert.equal(pyFloatRepr(0), '0.0');
  assert.equal(pyFloatRepr(10), '10.0');
  assert.equal(pyFloatRepr(1e-5), '1e-05');
  assert.equal(pyFloatRepr(1e16), '1e+16');
  assert.equal(pyFloatRepr(0.0001), '0.0001');
  assert.equal(pyFloatRepr(123.456), '123.456');
});

test('text to numbers', () => {
  assert.equal(textToNr('1,234'), 1234n);
  assert.equal(textToNr('1,234.567'), 1234.567);
  assert.equal(textToNr('max'), (1n << 64n) - 1n);
  assert.equal(textToBytes('4 K'), 4096n);
  assert.equal(textToBytes('1.5G'), 1610612736n);
  assert.equal(textToBytes('4KiB'), 4096n);
  assert.equal(textToBytes('4,096'), 4096n);
  assert.equal(textToBytes('min'), 0n);
  assert.equal(textToUs('5ms'), 5000);
  assert.equal(textToUs('5 ms'), 5000);
  assert.equal(textToUs('1s'), 1e6);
  assert.equal(textToUs('2h'), 7.2e9);
  assert.equal(textToUs('1d'), 8.64e10);
  assert.equal(textToUs('500ns'), 0.5);
  assert.equal(textToUs('100'), 100n);
  assert.equal(textToMs('100ms'), 100);
  assert.equal(textToMs('5m'), 300000);
  assert.equal(textToNs('1 m 30 s'), 90e9);
  assert.throws(() => textToNs('1m30s'));
  assert.equal(textToPercent('5'), 5n);
  assert.equal(textToPercent('5%'), 5);
  assert.equal(textToPercent('0.5%'), 0.5);
  assert.equal(textToPermil('500'), 500n);
  assert.equal(textToPermil('50%'), 500);
  assert.equal(textToPermil('0.3%'), 3);
  assert.equal(textToBp('4%'), 400);
  assert.equal(textToBp('5000'), 5000n);
});
