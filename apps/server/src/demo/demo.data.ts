import type { StructureData } from '@esep/domain';

/**
 * The demo region: Almaty oblast with two district police departments (Karasay and Talgar),
 * five district police points and 30 administrative districts, with Kazakh names, adjacency,
 * street coverage, ATUs with akims and maslikhats, and the staff serving them.
 */

const REGION = 'ALM';
const STREETS: Array<[kind: StructureData['coverage'][number]['streetKind'], kk: string, ru: string]> = [
  ['street', 'Абай', 'Абая'], ['street', 'Төле би', 'Толе би'], ['avenue', 'Райымбек', 'Райымбека'],
  ['street', 'Жібек жолы', 'Жибек жолы'], ['street', 'Бейбітшілік', 'Бейбитшилик'], ['street', 'Достық', 'Достык'],
  ['street', 'Наурызбай батыр', 'Наурызбай батыра'], ['street', 'Сейфуллин', 'Сейфуллина'], ['street', 'Әуезов', 'Ауэзова'],
  ['street', 'Желтоқсан', 'Желтоксан'], ['avenue', 'Тәуелсіздік', 'Тауелсиздик'], ['street', 'Абылай хан', 'Абылай хана'],
  ['street', 'Қонаев', 'Кунаева'], ['street', 'Жамбыл', 'Жамбыла'], ['street', 'Мағжан Жұмабаев', 'Магжана Жумабаева'],
  ['street', 'Ғабит Мүсірепов', 'Габита Мусрепова'], ['street', 'Құрманғазы', 'Курмангазы'], ['street', 'Шоқан Уәлиханов', 'Шокана Уалиханова'],
  ['microdistrict', 'Жастар', 'Жастар'], ['microdistrict', 'Ақсай', 'Аксай'], ['street', 'Бауыржан Момышұлы', 'Бауыржана Момышулы'],
  ['street', 'Әлия Молдағұлова', 'Алии Молдагуловой'], ['lane', 'Алатау', 'Алатау'], ['street', 'Иманов', 'Иманова'],
];

const INSPECTORS = [
  'Ахметов Серік Болатұлы', 'Нұрланов Дәурен Ерланұлы', 'Сәрсенбаева Айгүл Қайратқызы', 'Оспанов Бауыржан Маратұлы',
  'Жұмабеков Ерлан Асқарұлы', 'Қасымов Нұржан Серікұлы', 'Әбілқасымов Талғат Бекзатұлы', 'Төлеуов Асхат Мұратұлы',
  'Байжанов Ғалымжан Еркінұлы', 'Мұқанов Ержан Тимурұлы', 'Есенова Гүлнұр Әсетқызы', 'Сейітқали Мағжан Өмірзақұлы',
  'Ілиясов Жандос Қуанышұлы', 'Рахымжанов Айдос Бақытұлы', 'Омарова Динара Сабитқызы', 'Құдайбергенов Нұрсұлтан Асанұлы',
  'Дүйсенов Әділет Ғаниұлы', 'Шәкенов Бекболат Үсенұлы', 'Тұрсынов Арман Жеңісұлы', 'Ысқақов Мейірхан Ұланұлы',
  'Әміров Ғазиз Нұрболатұлы', 'Хамитов Ринат Ерболұлы', 'Жақыпов Өркен Дастанұлы', 'Серікбаев Ұлан Мәдиұлы',
  'Мұратов Қайрат Әлібекұлы', 'Бекова Жанар Төлегенқызы', 'Қалиев Санжар Ерғалиұлы',
];
const ASSISTANTS = ['Нұрғали Әсел Маратқызы', 'Әбдірахман Ернар Серікұлы', 'Ғалым Дана Ерланқызы', 'Сағынтаев Бекзат Нұрланұлы', 'Исаева Мөлдір Қанатқызы'];

interface PointPlan { code: string; unit: string; kk: string; ru: string; address: string; atu: string; lead: string; districts: number }

const POINTS: PointPlan[] = [
  { code: 'ALM-KAR-P1', unit: 'ALM-KAR', kk: 'Қаскелең қаласының №1 УПП', ru: 'УПП №1 города Каскелен', address: 'Қаскелең қ., Абай к-сі, 40', atu: 'ALM-KAR-KAS', lead: 'Жанұзақов Берік Сапарұлы', districts: 6 },
  { code: 'ALM-KAR-P2', unit: 'ALM-KAR', kk: 'Шамалған УПП', ru: 'УПП Шамалган', address: 'Шамалған а., Жібек жолы к-сі, 12', atu: 'ALM-KAR-SHA', lead: 'Ерболов Асқар Ғалымұлы', districts: 6 },
  { code: 'ALM-KAR-P3', unit: 'ALM-KAR', kk: 'Жандосов УПП', ru: 'УПП Жандосов', address: 'Жандосов а., Бейбітшілік к-сі, 3', atu: 'ALM-KAR-ZHA', lead: 'Қабдолов Нұрлан Әскерұлы', districts: 6 },
  { code: 'ALM-TAL-P1', unit: 'ALM-TAL', kk: 'Талғар қаласының №1 УПП', ru: 'УПП №1 города Талгар', address: 'Талғар қ., Қонаев к-сі, 27', atu: 'ALM-TAL-TLG', lead: 'Смағұлов Ерік Бейсенұлы', districts: 6 },
  { code: 'ALM-TAL-P2', unit: 'ALM-TAL', kk: 'Белбұлақ УПП', ru: 'УПП Бельбулак', address: 'Мезгіл а., Абылай хан к-сі, 8', atu: 'ALM-TAL-BEL', lead: 'Нұрпейісов Талғат Жомартұлы', districts: 6 },
];

/** The point of the `lead` demo account and the district of the `inspector` demo account. */
export const DEMO = {
  region: REGION,
  leadPoint: 'ALM-KAR-P2',
  inspectorDistrict: 'ALM-KAR-P2-D01',
  inspector2District: 'ALM-TAL-P1-D01',
  assistantDistrict: 'ALM-KAR-P2-D01',
  unit: 'ALM-KAR',
  akimatAtu: 'ALM-KAR-SHA',
  /** A district left vacant on purpose: the demo shows an unserved district. */
  vacantDistrict: 'ALM-TAL-P2-D06',
};

export function demoStructure(today: string): StructureData {
  const year = Number(today.slice(0, 4));
  const since = `${year - 1}-01-09`;
  const data: StructureData = {
    regions: [{ code: REGION, kind: 'oblast', nameKk: 'Алматы облысы', nameRu: 'Алматинская область' }],
    units: [
      { code: 'ALM-KAR', regionCode: REGION, kind: 'district_department', nameKk: 'Қарасай аудандық полиция бөлімі', nameRu: 'Карасайский районный отдел полиции' },
      { code: 'ALM-TAL', regionCode: REGION, kind: 'district_department', nameKk: 'Талғар аудандық полиция бөлімі', nameRu: 'Талгарский районный отдел полиции' },
    ],
    points: POINTS.map((p, i) => ({
      code: p.code, unitCode: p.unit, nameKk: p.kk, nameRu: p.ru, address: p.address,
      // Issue 13: what the district page shows residents.
      phone: `+7 727 ${String(2710000 + i * 1111).replace(/(\d{3})(\d{2})(\d{2})/, '$1-$2-$3')}`,
      receptionHoursKk: 'Дс–Жм 09:00–18:00, Сб 09:00–13:00', receptionHoursRu: 'Пн–Пт 09:00–18:00, Сб 09:00–13:00',
    })),
    atus: [
      atu('ALM-KAR-RN', null, 'district', 'Қарасай ауданы', 'Карасайский район', 'Әлімбетов Қанат Бақытжанұлы', 'Қарасай ауданының әкімдігі', 'Акимат Карасайского района', 'Қарасай аудандық мәслихаты', 'Карасайский районный маслихат'),
      atu('ALM-KAR-KAS', 'ALM-KAR-RN', 'city_district_significance', 'Қаскелең қаласы', 'город Каскелен', 'Мұхамеджанов Ерлан Сәкенұлы', 'Қаскелең қаласының әкімі аппараты', 'Аппарат акима города Каскелен'),
      atu('ALM-KAR-SHA', 'ALM-KAR-RN', 'rural_district', 'Шамалған ауылдық округі', 'Шамалганский сельский округ', 'Байтасов Мұрат Әбенұлы', 'Шамалған ауылдық округі әкімінің аппараты', 'Аппарат акима Шамалганского сельского округа'),
      atu('ALM-KAR-ZHA', 'ALM-KAR-RN', 'rural_district', 'Жандосов ауылдық округі', 'Жандосовский сельский округ', 'Сұлтанов Дамир Болатұлы', 'Жандосов ауылдық округі әкімінің аппараты', 'Аппарат акима Жандосовского сельского округа'),
      atu('ALM-TAL-RN', null, 'district', 'Талғар ауданы', 'Талгарский район', 'Жексенбаев Әзиз Нұрлыбекұлы', 'Талғар ауданының әкімдігі', 'Акимат Талгарского района', 'Талғар аудандық мәслихаты', 'Талгарский районный маслихат'),
      atu('ALM-TAL-TLG', 'ALM-TAL-RN', 'city_district_significance', 'Талғар қаласы', 'город Талгар', 'Оразбаев Ғани Серікұлы', 'Талғар қаласының әкімі аппараты', 'Аппарат акима города Талгар'),
      atu('ALM-TAL-BEL', 'ALM-TAL-RN', 'rural_district', 'Белбұлақ ауылдық округі', 'Бельбулакский сельский округ', 'Тоқтаров Асылбек Ерланұлы', 'Белбұлақ ауылдық округі әкімінің аппараты', 'Аппарат акима Бельбулакского сельского округа'),
      atu('ALM-TAL-BEL-MEZ', 'ALM-TAL-BEL', 'village', 'Мезгіл ауылы', 'село Мезгил', null, null, null),
    ],
    districts: [], adjacency: [], coverage: [],
    staff: [
      { code: 'S-ALM-HEAD', fullName: 'Серікбаев Жомарт Қуатұлы', position: 'regional_head', rank: 'colonel', unitCode: 'ALM-KAR', pointCode: null },
      { code: 'S-ALM-KAR-HEAD', fullName: 'Әбдіров Марат Нұрмаханұлы', position: 'unit_head', rank: 'lieutenant_colonel', unitCode: 'ALM-KAR', pointCode: null },
      { code: 'S-ALM-TAL-HEAD', fullName: 'Ибраев Ерсін Болатұлы', position: 'unit_head', rank: 'lieutenant_colonel', unitCode: 'ALM-TAL', pointCode: null },
    ],
    assignments: [],
  };
  let inspectorIndex = 0;
  let streetIndex = 0;
  POINTS.forEach((point, pi) => {
    data.staff.push({ code: `S-${point.code}-LEAD`, fullName: point.lead, position: 'point_lead', rank: 'major', unitCode: point.unit, pointCode: point.code });
    const codes: string[] = [];
    for (let i = 1; i <= point.districts; i++) {
      const code = `${point.code}-D${String(i).padStart(2, '0')}`;
      codes.push(code);
      const number = pi * 10 + i;
      data.districts.push({
        code, pointCode: point.code, atuCode: point.code === 'ALM-TAL-P2' && i > 3 ? 'ALM-TAL-BEL-MEZ' : point.atu,
        nameKk: `№${number} әкімшілік учаске`, nameRu: `Административный участок №${number}`,
        population: 2400 + ((number * 733) % 6100),
      });
      // Three streets per district; a long street is split between neighbours by odd and even sides.
      for (let s = 0; s < 3; s++) {
        const [kind, kk, ru] = STREETS[streetIndex++ % STREETS.length]!;
        const from = s === 0 ? 1 : 1 + (i - 1) * 40;
        data.coverage.push({
          districtCode: code, streetKind: kind, streetNameKk: `${kk} (${point.code.slice(-2)})`, streetNameRu: `${ru} (${point.code.slice(-2)})`,
          houseFrom: from, houseTo: from + 39, parity: s === 2 ? (i % 2 ? 'odd' : 'even') : 'all',
        });
      }
      if (code === DEMO.vacantDistrict) continue;
      const staffCode = `S-${code}`;
      data.staff.push({ code: staffCode, fullName: INSPECTORS[inspectorIndex++ % INSPECTORS.length]!, position: 'inspector', rank: 'captain', unitCode: point.unit, pointCode: point.code });
      data.assignments.push({ districtCode: code, staffCode, role: 'inspector', from: since, to: null });
    }
    // Districts of a point lie in a 2 × 3 grid: each borders the next and the one across.
    for (let i = 0; i < codes.length; i++) {
      if (i % 3 !== 2 && i + 1 < codes.length) data.adjacency.push({ districtCode: codes[i]!, adjacentCode: codes[i + 1]! });
      if (i + 3 < codes.length) data.adjacency.push({ districtCode: codes[i]!, adjacentCode: codes[i + 3]! });
    }
  });
  // Neighbouring points share a border.
  data.adjacency.push(
    { districtCode: 'ALM-KAR-P1-D03', adjacentCode: 'ALM-KAR-P2-D01' },
    { districtCode: 'ALM-KAR-P2-D06', adjacentCode: 'ALM-KAR-P3-D01' },
    { districtCode: 'ALM-TAL-P1-D06', adjacentCode: 'ALM-TAL-P2-D01' },
  );
  // History: the inspector's district had another inspector until last year's end.
  const previous = `S-${DEMO.inspectorDistrict}-PREV`;
  data.staff.push({ code: previous, fullName: 'Қуанышев Әлихан Ерікұлы', position: 'inspector', rank: 'senior_lieutenant', unitCode: 'ALM-KAR', pointCode: DEMO.leadPoint });
  data.assignments.push({ districtCode: DEMO.inspectorDistrict, staffCode: previous, role: 'inspector', from: `${year - 3}-03-01`, to: `${year - 1}-01-08` });
  ASSISTANTS.forEach((fullName, i) => {
    const point = POINTS[i]!;
    const code = `S-${point.code}-AST`;
    data.staff.push({ code, fullName, position: 'assistant', rank: null, unitCode: point.unit, pointCode: point.code });
    data.assignments.push({ districtCode: `${point.code}-D01`, staffCode: code, role: 'assistant', from: since, to: null });
  });
  return data;
}

function atu(
  code: string, parentCode: string | null, kind: StructureData['atus'][number]['kind'], nameKk: string, nameRu: string,
  akimName: string | null, akimatNameKk: string | null, akimatNameRu: string | null, maslikhatNameKk: string | null = null, maslikhatNameRu: string | null = null,
): StructureData['atus'][number] {
  return { code, regionCode: REGION, parentCode, kind, nameKk, nameRu, akimName, akimatNameKk, akimatNameRu, maslikhatNameKk, maslikhatNameRu };
}
