import { Faker, base, de, en, en_AU, en_GB, en_IN, en_US } from '@faker-js/faker';
import { Rng, hash } from './rng.ts';
import type { Office } from './types.ts';

/** A seeded source of given names and surnames for one office. */
export interface NameSource {
  givenName(): string;
  surname(): string;
}

// Faker's Japanese locale writes names in kanji, which cannot be turned into a mail alias,
// so Tokyo draws from romanised names, through a seeded Faker all the same.
const JAPANESE_GIVEN = [
  'Haruto',
  'Yuto',
  'Sota',
  'Yuki',
  'Hayato',
  'Haruki',
  'Ren',
  'Takumi',
  'Kenta',
  'Daiki',
  'Sho',
  'Riku',
  'Hiroshi',
  'Takeshi',
  'Kenji',
  'Akira',
  'Yui',
  'Hina',
  'Yuna',
  'Sakura',
  'Aoi',
  'Mei',
  'Rin',
  'Yuka',
  'Emi',
  'Ayumi',
  'Naomi',
  'Keiko',
  'Misaki',
  'Nanami',
  'Kaito',
  'Mio',
];
const JAPANESE_SURNAMES = [
  'Sato',
  'Suzuki',
  'Takahashi',
  'Tanaka',
  'Watanabe',
  'Ito',
  'Yamamoto',
  'Nakamura',
  'Kobayashi',
  'Kato',
  'Yoshida',
  'Yamada',
  'Sasaki',
  'Yamaguchi',
  'Matsumoto',
  'Inoue',
  'Kimura',
  'Hayashi',
  'Shimizu',
  'Yamazaki',
  'Mori',
  'Abe',
  'Ikeda',
  'Hashimoto',
  'Ishikawa',
  'Ogawa',
  'Fujita',
  'Okada',
  'Goto',
  'Hasegawa',
];

const LOCALES = {
  'United States': [en_US, en, base],
  'United Kingdom': [en_GB, en, base],
  Germany: [de, en, base],
  India: [en_IN, en, base],
  Australia: [en_AU, en, base],
  Japan: [en, base],
} as const;

/**
 * One seeded name source per office, with locales matching the office's country. Faker draws
 * a pool of names once (its surname patterns are slow to expand 100,000 times); people then
 * pick from the pool with the generator's own seeded random numbers.
 */
export function nameSourceFor(office: Office, seed: number, poolSize: number): NameSource {
  const locale = LOCALES[office.country as keyof typeof LOCALES] ?? [en, base];
  const faker = new Faker({ locale: [...locale] });
  faker.seed(seed);
  const japanese = office.country === 'Japan';
  const given = Array.from({ length: poolSize }, () => (japanese ? faker.helpers.arrayElement(JAPANESE_GIVEN) : faker.person.firstName()));
  const surnames = Array.from({ length: poolSize }, () => (japanese ? faker.helpers.arrayElement(JAPANESE_SURNAMES) : faker.person.lastName()));
  const rng = new Rng(hash(seed, poolSize, 0x4a3e));
  return {
    givenName: () => rng.pick(given),
    surname: () => rng.pick(surnames),
  };
}

const FOLD: Record<string, string> = { ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', ł: 'l', đ: 'd', þ: 'th' };

/** Lowercase ASCII alias part of a name: "Jürgen O'Brien-Smith" -> "jurgenobriensmith". */
export function aliasPart(name: string): string {
  return name
    .toLowerCase()
    .replace(/[ßæøœłđþ]/g, (c) => FOLD[c] ?? '')
    .normalize('NFD')
    .replace(/[^a-z0-9]/g, '');
}
