// Writes data/calendar/months.csv: one row per Chinese lunar month for the
// Chinese years FIRST_YEAR..LAST_YEAR, as computed by lunar-javascript (a port
// of sxwnl, whose pre-1645 correction strings follow the historical calendars),
// then corrected by the rows of data/calendar/overrides.csv.
//
// Usage: node gen-months.mjs [--check]
//   --check  regenerate in memory and fail if months.csv differs (for CI).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { LunarYear } = require('lunar-javascript');
const lunarVersion = require('lunar-javascript/package.json').version;

const FIRST_YEAR = 950;
const LAST_YEAR = 1370;
const EXPECTED_VERSION = '1.7.7';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = join(here, '..', '..', 'data', 'calendar');
const outPath = join(dataDir, 'months.csv');
const overridesPath = join(dataDir, 'overrides.csv');

function fail(message) {
  console.error(`gen-months: ${message}`);
  process.exit(1);
}

// The numbers are only reproducible with the exact library version the
// provenance names; a silent upgrade could move month boundaries.
if (lunarVersion !== EXPECTED_VERSION) {
  fail(`lunar-javascript ${lunarVersion} is installed, expected ${EXPECTED_VERSION}; run regenerate.sh`);
}

// lunar-javascript hands out a Chinese year's months together with the tail of
// the previous year and the head of the next, so each month is seen from two
// neighbouring years; keying by first day removes the duplicates.
function libraryMonths() {
  const byFirstDay = new Map();
  for (let y = FIRST_YEAR - 1; y <= LAST_YEAR + 1; ++y) {
    for (const m of LunarYear.fromYear(y).getMonths()) {
      const year = m.getYear();
      if (year < FIRST_YEAR || year > LAST_YEAR) continue;
      const first = m.getFirstJulianDay();
      if (!Number.isInteger(first)) fail(`month ${year}/${m.getMonth()} starts at non-integer JD ${first}`);
      byFirstDay.set(first, {
        year,
        month: Math.abs(m.getMonth()),
        leap: m.isLeap() ? 1 : 0,
        first_jdn: first,
        days: m.getDayCount(),
      });
    }
  }
  return [...byFirstDay.values()].sort((a, b) => a.first_jdn - b.first_jdn);
}

// overrides.csv: year,month,leap,first_jdn,source — "this month begins on
// first_jdn" (the historical calendar put the new moon a day off from the
// library's reconstruction). The previous month's length absorbs the change.
function readOverrides() {
  const lines = readFileSync(overridesPath, 'utf8').split('\n');
  const header = lines[0].trim();
  if (header !== 'year,month,leap,first_jdn,source') fail(`${overridesPath}:1: unexpected header '${header}'`);
  const rows = [];
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const cells = line.split(',');
    if (cells.length < 5) fail(`${overridesPath}:${i + 2}: expected 5 columns`);
    const [year, month, leap, first] = cells.slice(0, 4).map(Number);
    const source = cells.slice(4).join(',').trim();
    if (![year, month, leap, first].every(Number.isInteger)) fail(`${overridesPath}:${i + 2}: non-integer field`);
    if (source === '') fail(`${overridesPath}:${i + 2}: every override needs a source`);
    rows.push({ line: i + 2, year, month, leap, first_jdn: first });
  });
  return rows;
}

function applyOverrides(months, overrides) {
  for (const o of overrides) {
    const i = months.findIndex((m) => m.year === o.year && m.month === o.month && m.leap === o.leap);
    if (i < 1 || i + 1 >= months.length) fail(`${overridesPath}:${o.line}: no such month inside the table`);
    const next = months[i + 1].first_jdn;
    months[i].first_jdn = o.first_jdn;
    months[i].days = next - o.first_jdn;
    months[i - 1].days = o.first_jdn - months[i - 1].first_jdn;
  }
}

// The C++ loader checks the same things; checking here too means a bad
// library release or override never reaches the committed file.
function validate(months) {
  for (let i = 0; i < months.length; ++i) {
    const m = months[i];
    if (m.days !== 29 && m.days !== 30) fail(`${m.year}/${m.month}: ${m.days} days`);
    if (i > 0 && months[i - 1].first_jdn + months[i - 1].days !== m.first_jdn) fail(`${m.year}/${m.month}: gap or overlap`);
  }
  for (let y = FIRST_YEAR; y <= LAST_YEAR; ++y) {
    const ms = months.filter((m) => m.year === y);
    const leaps = ms.filter((m) => m.leap);
    if (ms.length !== 12 + leaps.length || leaps.length > 1) fail(`year ${y}: ${ms.length} months, ${leaps.length} leap`);
    const order = ms.map((m) => m.month + (m.leap ? 0.5 : 0));
    if (order.some((v, i) => i > 0 && v <= order[i - 1]) || ms[0].month !== 1) fail(`year ${y}: months out of order`);
  }
}

const months = libraryMonths();
applyOverrides(months, readOverrides());
validate(months);

const csv =
  'year,month,leap,first_jdn,days\n' +
  months.map((m) => `${m.year},${m.month},${m.leap},${m.first_jdn},${m.days}`).join('\n') +
  '\n';

if (process.argv.includes('--check')) {
  const current = readFileSync(outPath, 'utf8');
  if (current !== csv) fail(`${outPath} differs from what lunar-javascript ${lunarVersion} + overrides produce`);
  console.log(`gen-months: ${outPath} is up to date (${months.length} months)`);
} else {
  writeFileSync(outPath, csv);
  console.log(`gen-months: wrote ${months.length} months for ${FIRST_YEAR}-${LAST_YEAR} to ${outPath}`);
}
