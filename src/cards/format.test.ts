import { describe, expect, it } from 'vitest';
import { cadenceWords, escapeMarkdown, firstName, formatDate, formatDateRange, hoursWords, levelText, roleWords, timeAskWords } from './format.ts';

const ZWSP = /\u200B/g;

/**
 * The inline and block constructs a CommonMark renderer (Teams, markdown-it in the sandbox) turns
 * into links, headings, lists or quotes. No markdown parser is installed, so these are the
 * patterns those parsers start from; escaped text must match none of them.
 */
const MARKDOWN_SYNTAX: [string, RegExp][] = [
  ['inline link or image', /\]\(/],
  ['reference link', /\]\s*\[/],
  ['link reference definition', /^ {0,3}\[[^\]]+\]:/m],
  ['autolink or html', /<[a-z/!?]/i],
  ['heading', /^ {0,3}#{1,6}(\s|$)/m],
  ['bullet', /^ {0,3}[-+*](\s|$)/m],
  ['numbered item', /^ {0,3}\d{1,9}[.)](\s|$)/m],
  ['quote', /^ {0,3}>/m],
  ['thematic break or setext', /^ {0,3}([-=_*])\1{1,}\s*$/m],
  ['code fence', /^ {0,3}(`{3,}|~{3,})/m],
  ['indented code', /^ {4,}\S/m],
];

describe('formatDate', () => {
  it.each([
    ['2026-11-24', 'Tue 24 Nov 2026'],
    ['2026-11-24T00:00:00Z', 'Tue 24 Nov 2026'],
    ['2026-11-24T23:59:59.999Z', 'Tue 24 Nov 2026'],
    // Read in UTC, whatever the offset it was written with.
    ['2026-11-24T22:30:00-05:00', 'Wed 25 Nov 2026'],
    ['2027-02-28', 'Sun 28 Feb 2027'],
    ['2028-02-29', 'Tue 29 Feb 2028'],
    ['2026-03-29T01:30:00+01:00', 'Sun 29 Mar 2026'],
  ])('%s → %s', (iso, expected) => {
    expect(formatDate(iso)).toBe(expected);
  });

  it.each(['', 'tomorrow', '24/11/2026', '2026-13-45', '2026-02-30', '2026-11-24T25:00:00Z'])('refuses %j', (bad) => {
    expect(() => formatDate(bad)).toThrow(RangeError);
  });

  it('formats a range', () => {
    expect(formatDateRange('2026-12-01', '2027-05-31')).toBe('Tue 1 Dec 2026 – Mon 31 May 2027');
  });
});

describe('words', () => {
  it.each([
    ['weekly', 'weekly'],
    ['biweekly', 'every two weeks'],
    ['monthly', 'monthly'],
  ] as const)('cadence %s → %s', (c, words) => expect(cadenceWords(c)).toBe(words));

  it.each([
    ['mentor', 'Mentor'],
    ['mentee', 'Mentee'],
    ['both', 'Mentor and mentee'],
  ] as const)('role %s → %s', (r, words) => expect(roleWords(r)).toBe(words));

  it.each([
    [1, '●○○○○ 1/5'],
    [3, '●●●○○ 3/5'],
    [5, '●●●●● 5/5'],
    [0, '●○○○○ 1/5'],
    [9, '●●●●● 5/5'],
    [3.6, '●●●●○ 4/5'],
  ])('level %s → %s', (level, words) => expect(levelText(level)).toBe(words));

  it.each([
    [9, '9 hours'],
    [1, '1 hour'],
    [7.4, '7.5 hours'],
    [12.2, '12 hours'],
    [0.75, '45 min'],
  ])('%s hours → %s', (h, words) => expect(hoursWords(h)).toBe(words));

  it('says what the program asks in plain words', () => {
    expect(timeAskWords({ sessions: 12, hours: 9, months: 6 }, 45)).toBe('About 12 sessions of 45 min over 6 months — roughly 9 hours');
    expect(timeAskWords({ sessions: 1, hours: 1, months: 1 }, 60)).toBe('About 1 session of 60 min over 1 month — roughly 1 hour');
  });

  it.each([
    ['Dana Kim', 'Dana'],
    ['Kim, Dana', 'Dana'],
    ['  Sam   Lee ', 'Sam'],
    ['Cher', 'Cher'],
    ['Kim,', 'Kim,'],
  ])('first name of %j is %j', (name, first) => expect(firstName(name)).toBe(first));
});

describe('escapeMarkdown', () => {
  it('leaves ordinary text as it is', () => {
    const plain = 'Ship the Q3 sales dashboard (with Copilot) by 31 March — 2 demos, 1 write-up!';
    expect(escapeMarkdown(plain)).toBe(plain);
  });

  it.each([
    '[click](https://evil.example)',
    'Learn [Copilot](https://evil.example "title") fast',
    '![pixel](https://evil.example/p.png)',
    '[click][1]\n[1]: https://evil.example',
    '[click]\n\n[click]: https://evil.example',
    '<https://evil.example>',
    '<a href="https://evil.example">x</a>',
    '# Approved by the CEO',
    '###### tiny',
    '- one\n- two',
    '* bullet',
    '+ plus',
    '1. first\n2) second',
    '> quoted',
    '***',
    'Title\n===',
    'Title\n---',
    '```\ncode\n```',
    '~~~',
    '    indented code',
    '| a | b |',
  ])('neutralises %j', (input) => {
    const out = escapeMarkdown(input);
    for (const [name, pattern] of MARKDOWN_SYNTAX) expect(out, name).not.toMatch(pattern);
    // It still reads the same: only invisible characters were added (and edge spaces trimmed).
    expect(out.replace(ZWSP, '')).toBe(
      input
        .split('\n')
        .map((l) => l.trim())
        .join('\n'),
    );
  });

  it('drops control characters and bidi overrides that could disguise text', () => {
    expect(escapeMarkdown('safe\u202Etxt.exe\u0007\u2066x\u2069')).toBe('safetxt.exex');
  });

  it('keeps line breaks but no runs of blank lines', () => {
    expect(escapeMarkdown('one\r\n\r\n\r\n\r\ntwo\rthree')).toBe('one\n\ntwo\nthree');
  });
});
