import { emptyStructure, STREET_KINDS, type StructureData } from '@esep/domain';

/**
 * A national-scale organisational structure for benchmarks, deterministic by seed: 17 regions,
 * ~200 police units, ~2,000 points, 10,000 districts by default (nationalSize: the national data set's) with adjacency, three coverage
 * lines each, two ATU levels (a district ATU per unit, a rural district or town per point),
 * staff (regional and unit heads, point leads, inspectors, assistants) and assignments with
 * some history (R-2.2: one inspector per district at a time).
 */

export interface NationalOptions { seed?: number; regions?: number; units?: number; points?: number; districts?: number }

/** mulberry32: small, fast and the same on every machine. */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const REGIONS: Array<[code: string, kk: string, ru: string, kind?: 'capital' | 'city_republican']> = [
  ['ABY', 'Абай облысы', 'Абайская область'], ['AKM', 'Ақмола облысы', 'Акмолинская область'], ['AKT', 'Ақтөбе облысы', 'Актюбинская область'],
  ['ALM', 'Алматы облысы', 'Алматинская область'], ['ATR', 'Атырау облысы', 'Атырауская область'], ['VKO', 'Шығыс Қазақстан облысы', 'Восточно-Казахстанская область'],
  ['ZHM', 'Жамбыл облысы', 'Жамбылская область'], ['ZHT', 'Жетісу облысы', 'Область Жетісу'], ['ZKO', 'Батыс Қазақстан облысы', 'Западно-Казахстанская область'],
  ['KRG', 'Қарағанды облысы', 'Карагандинская область'], ['KST', 'Қостанай облысы', 'Костанайская область'], ['KZO', 'Қызылорда облысы', 'Кызылординская область'],
  ['MNG', 'Маңғыстау облысы', 'Мангистауская область'], ['PVL', 'Павлодар облысы', 'Павлодарская область'], ['SKO', 'Солтүстік Қазақстан облысы', 'Северо-Казахстанская область'],
  ['TRK', 'Түркістан облысы', 'Туркестанская область'], ['ULT', 'Ұлытау облысы', 'Область Ұлытау'],
  // The three cities of republican significance: regions 18–20, used by the national data set.
  ['AST', 'Астана қаласы', 'город Астана', 'capital'], ['ALA', 'Алматы қаласы', 'город Алматы', 'city_republican'],
  ['SHY', 'Шымкент қаласы', 'город Шымкент', 'city_republican'],
];

/**
 * The national data set's proportions (issue 11): at scale 1, 20 regions, 200 units, 2,700 points
 * and 12,000 districts; a scale multiplies them, each level keeping at least one per parent.
 */
export function nationalSize(scale: number): Required<Omit<NationalOptions, 'seed'>> {
  const units = Math.max(1, Math.round(200 * scale));
  const points = Math.max(units, Math.round(2700 * scale));
  return { regions: Math.min(REGIONS.length, units), units, points, districts: Math.max(points, Math.round(12_000 * scale)) };
}
const SURNAMES = ['Ахметов', 'Нұрланов', 'Оспанов', 'Жұмабеков', 'Қасымов', 'Төлеуов', 'Байжанов', 'Мұқанов', 'Сейітқали', 'Ілиясов', 'Рахымжанов', 'Дүйсенов', 'Шәкенов', 'Тұрсынов', 'Ысқақов', 'Әміров', 'Хамитов', 'Жақыпов', 'Серікбаев', 'Мұратов', 'Қалиев', 'Омаров', 'Есенов', 'Бекұлы'];
const NAMES = ['Серік', 'Дәурен', 'Бауыржан', 'Ерлан', 'Нұржан', 'Талғат', 'Асхат', 'Ғалымжан', 'Ержан', 'Мағжан', 'Жандос', 'Айдос', 'Нұрсұлтан', 'Әділет', 'Бекболат', 'Арман', 'Мейірхан', 'Ғазиз', 'Ринат', 'Өркен', 'Ұлан', 'Қайрат', 'Санжар'];
const STREETS = ['Абай', 'Төле би', 'Райымбек', 'Жібек жолы', 'Бейбітшілік', 'Достық', 'Сейфуллин', 'Әуезов', 'Желтоқсан', 'Тәуелсіздік', 'Абылай хан', 'Қонаев', 'Жамбыл', 'Құрманғазы', 'Жастар', 'Ақсай', 'Алатау', 'Иманов', 'Бірлік', 'Ынтымақ'];
const SETTLEMENTS = ['Жаңа', 'Ақ', 'Көк', 'Қызыл', 'Сары', 'Ұлы', 'Кіші', 'Береке', 'Ырыс', 'Шұғыла'];
const SUFFIXES = ['бұлақ', 'тоған', 'төбе', 'жол', 'қала', 'дала', 'су', 'қайың', 'терек', 'арал'];

/** Splits `total` into `parts` nearly equal whole numbers. */
const spread = (total: number, parts: number) => Array.from({ length: parts }, (_, i) => Math.floor((total * (i + 1)) / parts) - Math.floor((total * i) / parts));
const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function nationalStructure(options: NationalOptions = {}): StructureData {
  const { seed = 652, regions = 17, units = 200, points = 2000, districts = 10_000 } = options;
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)]!;
  const person = () => `${pick(SURNAMES)} ${pick(NAMES)} ${pick(NAMES)}ұлы`;
  const place = () => `${pick(SETTLEMENTS)}${pick(SUFFIXES)}`;
  const data = emptyStructure();
  const unitsPerRegion = spread(units, regions);
  const pointsPerUnit = spread(points, units);
  const districtsPerPoint = spread(districts, points);
  let unitIndex = 0;
  let pointIndex = 0;
  let previousPointDistricts: string[] = [];

  REGIONS.slice(0, regions).forEach(([regionCode, kk, ru, kind], r) => {
    data.regions.push({ code: regionCode, kind: kind ?? 'oblast', nameKk: kk, nameRu: ru });
    for (let u = 0; u < unitsPerRegion[r]!; u++, unitIndex++) {
      const unitCode = `${regionCode}-U${pad(u + 1, 2)}`;
      const town = place();
      data.units.push({ code: unitCode, regionCode, kind: kind ? 'city_district_department' : 'district_department', nameKk: `${town} аудандық полиция бөлімі`, nameRu: `${town} районный отдел полиции` });
      const unitAtu = `${unitCode}-RN`;
      data.atus.push({
        code: unitAtu, regionCode, parentCode: null, kind: 'district', nameKk: `${town} ауданы`, nameRu: `${town} район`, akimName: person(),
        akimatNameKk: `${town} ауданының әкімдігі`, akimatNameRu: `Акимат района ${town}`, maslikhatNameKk: `${town} аудандық мәслихаты`, maslikhatNameRu: `${town} районный маслихат`,
      });
      if (u === 0) data.staff.push({ code: `S-${regionCode}-HEAD`, fullName: person(), position: 'regional_head', rank: 'colonel', unitCode, pointCode: null });
      data.staff.push({ code: `S-${unitCode}-HEAD`, fullName: person(), position: 'unit_head', rank: 'lieutenant_colonel', unitCode, pointCode: null });
      for (let p = 0; p < pointsPerUnit[unitIndex]!; p++, pointIndex++) {
        const pointCode = `${unitCode}-P${pad(p + 1, 2)}`;
        const village = place();
        data.points.push({ code: pointCode, unitCode, nameKk: `${village} УПП`, nameRu: `УПП ${village}`, address: `${village} а., ${pick(STREETS)} к-сі, ${1 + Math.floor(rnd() * 90)}` });
        const pointAtu = `${pointCode}-AO`;
        data.atus.push({
          code: pointAtu, regionCode, parentCode: unitAtu, kind: 'rural_district', nameKk: `${village} ауылдық округі`, nameRu: `${village} сельский округ`,
          akimName: person(), akimatNameKk: `${village} ауылдық округі әкімінің аппараты`, akimatNameRu: `Аппарат акима сельского округа ${village}`,
          maslikhatNameKk: null, maslikhatNameRu: null,
        });
        data.staff.push({ code: `S-${pointCode}-LEAD`, fullName: person(), position: 'point_lead', rank: 'major', unitCode, pointCode });
        const codes: string[] = [];
        for (let d = 0; d < districtsPerPoint[pointIndex]!; d++) {
          const code = `${pointCode}-D${pad(d + 1, 2)}`;
          codes.push(code);
          const number = pointIndex * 10 + d + 1;
          data.districts.push({
            code, pointCode, atuCode: pointAtu, nameKk: `№${number} әкімшілік учаске`, nameRu: `Административный участок №${number}`,
            population: 1500 + Math.floor(rnd() * 9000),
          });
          // Three streets of the point, each split between its districts in blocks of 40 houses.
          for (let s = 0; s < 3; s++) {
            const street = STREETS[(pointIndex * 3 + s) % STREETS.length]!;
            const from = 1 + d * 40;
            data.coverage.push({
              districtCode: code, streetKind: STREET_KINDS[(s + pointIndex) % 3]!, streetNameKk: `${street} (${pointCode})`, streetNameRu: `${street} (${pointCode})`,
              houseFrom: from, houseTo: from + 39, parity: s === 2 ? 'odd' : 'all',
            });
          }
          const inspector = `S-${code}`;
          data.staff.push({ code: inspector, fullName: person(), position: 'inspector', rank: 'captain', unitCode, pointCode });
          const since = `20${pad(20 + Math.floor(rnd() * 5), 2)}-${pad(1 + Math.floor(rnd() * 12), 2)}-01`;
          data.assignments.push({ districtCode: code, staffCode: inspector, role: 'inspector', from: since, to: null });
          if (rnd() < 0.1) {
            // History: a predecessor who served until the day before.
            const before = `S-${code}-PREV`;
            data.staff.push({ code: before, fullName: person(), position: 'inspector', rank: 'senior_lieutenant', unitCode, pointCode });
            const end = new Date(Date.parse(`${since}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
            data.assignments.push({ districtCode: code, staffCode: before, role: 'inspector', from: '2018-03-01', to: end });
          }
        }
        // Districts of a point form a chain; the first borders the last district of the previous point.
        for (let i = 0; i + 1 < codes.length; i++) data.adjacency.push({ districtCode: codes[i]!, adjacentCode: codes[i + 1]! });
        if (p > 0 && previousPointDistricts.length && codes.length) data.adjacency.push({ districtCode: previousPointDistricts.at(-1)!, adjacentCode: codes[0]! });
        previousPointDistricts = codes;
        const assistant = `S-${pointCode}-AST`;
        data.staff.push({ code: assistant, fullName: person(), position: 'assistant', rank: null, unitCode, pointCode });
        if (codes.length) data.assignments.push({ districtCode: codes[0]!, staffCode: assistant, role: 'assistant', from: '2024-01-09', to: null });
      }
      previousPointDistricts = [];
    }
  });
  return data;
}

export const sizeOf = (data: StructureData) => Object.fromEntries(Object.entries(data).map(([k, v]) => [k, (v as unknown[]).length]));
