import type { ProtocolContent } from '@esep/contracts';

/**
 * A realistic protocol of a joint meeting of two districts with two reporting
 * inspectors, in Kazakh and Russian text, for the document tests. It carries hostile text — an
 * HTML tag that must print literally and a right-to-left override (U+202E) that must not reach
 * the documents — and the name of a resident who raised an item, which only the internal copy
 * may show.
 */
export const RLO = '\u202E';
export const RESIDENT_NAME = 'Сейітқали Әйгерім Нұрболқызы';
export const CITIZEN_AWARDED = 'Ермекбаев Дәулет Ғаниұлы';
export const OFFICIAL_NAME = 'Тұрсынбаев Ерлан Маратұлы';
export const HOSTILE = '<b>жирный</b>';
export const MEETING_NUMBER = 'ALM-KAR-P2-D01-2026-11';
export const VERIFY_URL = 'https://esep.example.kz/v/6f1c2a4e-8d3b-4c1a-9e2f-0a1b2c3d4e5f';

const reporterA = '2b0f4a5c-1d2e-4f3a-8b9c-0d1e2f3a4b5c';
const reporterB = '3c1e5b6d-2e3f-4a4b-9c0d-1e2f3a4b5c6d';

export const protocolFixture: ProtocolContent = {
  meeting: {
    id: '6f1c2a4e-8d3b-4c1a-9e2f-0a1b2c3d4e5f',
    number: MEETING_NUMBER,
    date: '2026-12-20',
    // 18:00–19:30 in Almaty (UTC+5).
    startsAt: '2026-12-20T18:00:00+05:00',
    endsAt: '2026-12-20T19:30:00+05:00',
    format: 'hybrid',
    setting: 'gathering',
    venueName: '«Жаһан» мәдениет үйі',
    venueAddress: 'Шамалған ауылы, Бөгенбай батыр көшесі, 7',
    onlineLink: 'https://meet.example.kz/j/8412-5531',
    districts: [
      { code: 'ALM-KAR-P2-D01', nameKk: '№ 11 әкімшілік учаске (Шамалған)', nameRu: 'Административный участок № 11 (Шамалган)' },
      { code: 'ALM-KAR-P2-D02', nameKk: '№ 12 әкімшілік учаске (Үшқоңыр)', nameRu: 'Административный участок № 12 (Ушконыр)' },
    ],
    point: { code: 'ALM-KAR-P2', nameKk: 'Шамалған учаскелік полиция пункті', nameRu: 'Участковый пункт полиции Шамалган' },
    unit: { code: 'ALM-KAR', nameKk: 'Алматы облысы ПД Қарасай аудандық полиция бөлімі', nameRu: 'Карасайский районный отдел полиции ДП Алматинской области' },
  },
  reporters: [
    // Issue 14: codes, as protocols are assembled now…
    { staffId: reporterA, fullName: 'Әбдіғалиев Нұрлан Қайратұлы', rank: 'captain', position: 'inspector', districtCodes: ['ALM-KAR-P2-D01'] },
    // …and the Kazakh labels a protocol signed before holds: documents relabel both.
    { staffId: reporterB, fullName: 'Жұмабекова Гүлнұр Серікқызы', rank: 'полиция аға лейтенанты', position: 'Учаскелік полиция инспекторы', districtCodes: ['ALM-KAR-P2-D02'] },
  ],
  participantCount: 4,
  participantsByCategory: { resident: 2, police_leadership: 1, akimat: 1, maslikhat_deputy: 0, invited_agency: 0, organisation: 0, media: 0, other: 0 },
  attendance: {
    policeLeadership: true,
    akimat: true,
    officials: [
      { category: 'police_leadership', fullName: OFFICIAL_NAME, organisation: 'Қарасай аудандық полиция бөлімі' },
      { category: 'akimat', fullName: 'Оспанова Гаухар Бекқызы', organisation: 'Шамалған ауылдық округі әкімінің аппараты' },
    ],
  },
  reportSummary: [
    'Учаскедегі криминогендік жағдай тұрақты: ұрлық саны өткен жылдың осы тоқсанымен салыстырғанда 12 %-ға азайды.',
    `Профилактикалық рейдтер өткізілді; тұрғындар «Қауіпсіз аула» жобасына тартылды. ${RLO}Мәтін бағыты өзгертілмейді.`,
  ].join('\n'),
  decisions: [
    { number: 1, text: 'Бөгенбай батыр көшесіне бейнебақылау камераларын орнату мәселесін әкімдікпен бірге қарау.', responsible: 'Әбдіғалиев Н.Қ.', dueDate: '2027-01-20' },
    { number: 2, text: 'Провести профилактическую беседу в школе № 3 о безопасности на дорогах.', responsible: 'Жұмабекова Г.С.', dueDate: '2027-02-01' },
  ],
  items: [
    {
      number: 1, reference: `${MEETING_NUMBER}/1`, kind: 'complaint', topic: 'public_order',
      text: `Кешкі уақытта саябақта жастар шулайды, ${HOSTILE} қоғамдық тәртіп бұзылады.`, raisedBy: RESIDENT_NAME,
      resolution: 'to_check', answer: null, route: 'check',
    },
    {
      number: 2, reference: `${MEETING_NUMBER}/2`, kind: 'question', topic: 'road_safety',
      text: 'Мектеп маңында жылдамдықты шектейтін белгі қашан қойылады?', raisedBy: null,
      resolution: 'answered', answer: 'Белгі 2027 жылғы қаңтарда орнатылады, өтінім жолданды.', route: 'answered',
    },
    {
      number: 3, reference: `${MEETING_NUMBER}/3`, kind: 'proposal', topic: 'housing',
      text: 'Отремонтировать уличное освещение на улице Абая.', raisedBy: null,
      resolution: 'to_forward', answer: null, route: 'forwarding',
    },
  ],
  awards: [
    { recipientKind: 'citizen', recipientName: CITIZEN_AWARDED, reason: 'Қоғамдық тәртіпті сақтауға белсенді қатысқаны үшін', awardKind: 'letter_of_thanks' },
    { recipientKind: 'public_association', recipientName: '«Жасыл Шамалған» қоғамдық бірлестігі', reason: 'Аулаларды абаттандыруға көмек', awardKind: 'certificate_of_honour' },
  ],
  remarks: 'Кездесу бейнеге жазылды. Видеозапись встречи приобщена.',
  assembledAt: '2026-12-20T14:45:00.000Z',
};

/** The register of the fixture meeting, for the internal copy's annex. */
export const protocolParticipants = [
  { number: 1, fullName: RESIDENT_NAME, category: 'resident', address: 'Шамалған ауылы, Абай көшесі, 12' },
  { number: 2, fullName: 'Ким Виктор Алексеевич', category: 'resident', address: 'Шамалған ауылы, Жібек жолы, 3' },
  { number: 3, fullName: OFFICIAL_NAME, category: 'police_leadership', address: null },
  { number: 4, fullName: 'Оспанова Гаухар Бекқызы', category: 'akimat', address: null },
];

/** The same meeting with many items and decisions: several pages. */
export const longProtocolFixture: ProtocolContent = {
  ...protocolFixture,
  items: Array.from({ length: 36 }, (_, i) => ({
    ...protocolFixture.items[i % 3]!,
    number: i + 1,
    reference: `${MEETING_NUMBER}/${i + 1}`,
    text: `${protocolFixture.items[i % 3]!.text} Қосымша түсіндірме № ${i + 1}: тұрғындар бұл мәселені бірнеше рет көтерген.`,
  })),
  decisions: Array.from({ length: 12 }, (_, i) => ({ ...protocolFixture.decisions[i % 2]!, number: i + 1 })),
};
