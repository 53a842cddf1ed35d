import { z } from 'zod';
import type { Locale } from './error.contract.ts';

/** A territory's code as the structure import gives it (letters, digits, '-', '_', '.'): anything else is a 400, never a query. */
const TerritoryCode = z.string().min(1).max(64).regex(/^[\p{L}\p{N}._-]+$/u);

/*
 * Issue 13, part 6 (Law 401-V "On access to information": proactive publication): the open data
 * sets of reporting meetings. The field tables below are the one description of every column:
 * the JSON answer's `fields`, the CSV header and the open-data page's tables all read them.
 * No data set holds a person's name, contact or IIN — not a resident's, not an inspector's.
 */

export const OPEN_DATA_SETS = ['meetings', 'compliance', 'outcomes'] as const;
export type OpenDataSet = (typeof OPEN_DATA_SETS)[number];

export const OPEN_DATA_LICENCE = 'CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/) — source: Esep';

export type OpenFieldType = 'string' | 'integer' | 'boolean' | 'date' | 'datetime';
export interface OpenField { name: string; type: OpenFieldType; description: Record<Locale, string> }

const f = (name: string, type: OpenFieldType, kk: string, ru: string, en: string): OpenField => ({ name, type, description: { kk, ru, en } });

const TERRITORY: OpenField[] = [
  f('district_code', 'string', 'Учаске коды', 'Код участка', 'District code'),
  f('district_name_kk', 'string', 'Учаске атауы (қазақша)', 'Название участка (на казахском)', 'District name (Kazakh)'),
  f('district_name_ru', 'string', 'Учаске атауы (орысша)', 'Название участка (на русском)', 'District name (Russian)'),
  f('atu_code', 'string', 'Елді мекеннің (ӘАБ) коды', 'Код населённого пункта (АТЕ)', 'Settlement (administrative-territorial unit) code'),
  f('point_code', 'string', 'Учаскелік полиция пунктінің коды', 'Код участкового пункта полиции', 'District police point code'),
  f('unit_code', 'string', 'Полиция бөлімінің коды', 'Код отдела полиции', 'Police department code'),
  f('region_code', 'string', 'Облыс (қала) коды', 'Код области (города)', 'Region (city) code'),
];

export const OPEN_DATA_FIELDS: Record<OpenDataSet, OpenField[]> = {
  meetings: [
    f('meeting_number', 'string', 'Кездесу нөмірі', 'Номер встречи', 'Meeting number'),
    f('status', 'string', 'Күйі: scheduled, announced, held, protocol_signed, closed, postponed, cancelled', 'Статус: scheduled, announced, held, protocol_signed, closed, postponed, cancelled', 'Status: scheduled, announced, held, protocol_signed, closed, postponed, cancelled'),
    f('setting', 'string', 'Түрі: gathering (жиын), akim_meeting (әкім жиналысы), initiative_meeting (тұрғындардың бастамасы)', 'Вид: gathering (сход), akim_meeting (собрание акима), initiative_meeting (по инициативе жителей)', 'Setting: gathering, akim_meeting, initiative_meeting (on residents\' initiative)'),
    f('format', 'string', 'Өткізу нысаны: indoor, open_air, online, hybrid', 'Формат: indoor, open_air, online, hybrid', 'Format: indoor, open_air, online, hybrid'),
    f('starts_at', 'datetime', 'Басталуы (ISO 8601, Алматы уақыты +05:00)', 'Начало (ISO 8601, время Алматы +05:00)', 'Start (ISO 8601, Almaty time +05:00)'),
    ...TERRITORY,
    f('announced_on', 'date', 'Алғашқы жарияланған күні (R-27.1)', 'Дата первого объявления (R-27.1)', 'Date of the first announcement (R-27.1)'),
    f('notice_days', 'integer', 'Жариялаудан кездесуге дейінгі күндер (талап: кемінде 10)', 'Дней от объявления до встречи (требуется не менее 10)', 'Days from the announcement to the meeting (at least 10 required)'),
    f('participants', 'integer', 'Тіркелген қатысушылар саны (R-32.2)', 'Число зарегистрированных участников (R-32.2)', 'Registered participants (R-32.2)'),
    f('items', 'integer', 'Көтерілген мәселелер саны (R-31)', 'Число поднятых вопросов (R-31)', 'Items raised (R-31)'),
    f('protocol_signed_at', 'datetime', 'Хаттамаға қол қойылған уақыт (R-32.3)', 'Когда протокол подписан (R-32.3)', 'When the protocol was signed (R-32.3)'),
    f('protocol_late', 'boolean', 'Хаттамаға кездесу күні қол қойылмады (R-32.3)', 'Протокол подписан не в день встречи (R-32.3)', 'Protocol not signed on the meeting day (R-32.3)'),
  ],
  compliance: [
    f('quarter', 'string', 'Тоқсан (YYYY-QN)', 'Квартал (YYYY-QN)', 'Quarter (YYYY-QN)'),
    ...TERRITORY,
    f('quarter_status', 'string', 'Тоқсан күйі: met, held, scheduled, open, at_risk, missed (R-22.13)', 'Статус квартала: met, held, scheduled, open, at_risk, missed (R-22.13)', 'Quarter status: met, held, scheduled, open, at_risk, missed (R-22.13)'),
    f('obligation_met', 'boolean', 'Тоқсандық міндет орындалды: хаттамасына қол қойылған кездесу бар (R-22.13)', 'Квартальная обязанность выполнена: есть встреча с подписанным протоколом (R-22.13)', 'Quarterly obligation met: a meeting with a signed protocol (R-22.13)'),
    f('meetings_held', 'integer', 'Өткізілген кездесулер (хаттамасы бар және жоқ)', 'Проведено встреч (с протоколом и без)', 'Meetings held (protocol signed or not)'),
    f('notice_10_days', 'boolean', 'Әр өткізілген кездесу кемінде 10 күн бұрын жарияланды (R-27.1); бос — кездесу болмады', 'Каждая проведённая встреча объявлена не менее чем за 10 дней (R-27.1); пусто — встреч не было', 'Every meeting held was announced at least 10 days ahead (R-27.1); empty: none held'),
    f('police_leadership_present', 'boolean', 'Әр кездесуде полиция басшылығы болды (R-26)', 'На каждой встрече было руководство полиции (R-26)', 'Police leadership present at every meeting held (R-26)'),
    f('akimat_present', 'boolean', 'Әр кездесуде әкімдік өкілі болды (R-26)', 'На каждой встрече был представитель акимата (R-26)', 'The akimat present at every meeting held (R-26)'),
    f('register_kept', 'boolean', 'Әр кездесуде қатысушылар тізілімі жүргізілді, кемінде бір жазба (R-32.2)', 'На каждой встрече вёлся реестр участников, хотя бы одна запись (R-32.2)', 'A register of participants with at least one entry kept at every meeting held (R-32.2)'),
    f('video_recorded', 'boolean', 'Әр кездесудің бейнежазбасы бар (R-32.1)', 'У каждой встречи есть видеозапись (R-32.1)', 'Every meeting held has a video recording (R-32.1)'),
    f('protocol_same_day', 'boolean', 'Әр хаттамаға кездесу күні қол қойылды (R-32.3)', 'Каждый протокол подписан в день встречи (R-32.3)', 'Every protocol signed on the meeting day (R-32.3)'),
    f('checks_overdue', 'integer', 'Мерзімі өткен ашық тексерулер, деректер жасалған күнге (R-32.4)', 'Открытые проверки с истёкшим сроком на дату выгрузки (R-32.4)', 'Open checks past their due date on the day of the data (R-32.4)'),
    f('forwardings_overdue', 'integer', 'Мерзімі өткен ашық жолдамалар, деректер жасалған күнге (R-32.5)', 'Открытые направления с истёкшим сроком на дату выгрузки (R-32.5)', 'Open forwardings past their due date on the day of the data (R-32.5)'),
  ],
  outcomes: [
    f('meeting_number', 'string', 'Кездесу нөмірі', 'Номер встречи', 'Meeting number'),
    f('meeting_date', 'date', 'Кездесу күні', 'Дата встречи', 'Meeting date'),
    f('district_codes', 'string', 'Кездесу қамтыған учаскелердің кодтары (; арқылы)', 'Коды участков встречи (через ;)', 'Codes of the meeting\'s districts (separated by ;)'),
    f('item_number', 'integer', 'Кездесудегі мәселенің нөмірі', 'Номер вопроса на встрече', 'Item number within the meeting'),
    f('kind', 'string', 'Түрі: complaint, proposal, remark, question', 'Вид: complaint, proposal, remark, question', 'Kind: complaint, proposal, remark, question'),
    f('topic', 'string', 'Тақырып коды', 'Код темы', 'Topic code'),
    f('resolution', 'string', 'Шешім: answered, to_check, to_forward (R-31)', 'Решение: answered, to_check, to_forward (R-31)', 'Resolution: answered, to_check, to_forward (R-31)'),
    f('check_due', 'date', 'Тексеру мерзімі (R-32.4)', 'Срок проверки (R-32.4)', 'Check due date (R-32.4)'),
    f('check_done', 'date', 'Тексеру аяқталған күн', 'Дата завершения проверки', 'Date the check was done'),
    f('forwarded_to_kk', 'string', 'Жолданған мемлекеттік орган (қазақша) (R-32.5)', 'Государственный орган, куда направлено (на казахском) (R-32.5)', 'State body forwarded to (Kazakh) (R-32.5)'),
    f('forwarded_to_ru', 'string', 'Жолданған мемлекеттік орган (орысша)', 'Государственный орган, куда направлено (на русском)', 'State body forwarded to (Russian)'),
    f('forwarding_due', 'date', 'Жолдау мерзімі', 'Срок направления', 'Forwarding due date'),
    f('forwarding_sent', 'date', 'Жолданған күн', 'Дата направления', 'Date forwarded'),
    f('initiator_notified', 'boolean', 'Жолданған мәселенің бастамашысына хабарланды (R-32.5); жасырын көтерілген мәселеде — true; жолданбаған мәселеде бос', 'Инициатор направленного вопроса уведомлён (R-32.5); для анонимного вопроса — true; пусто, если вопрос не направлялся', 'The initiator of a forwarded item was told (R-32.5); true for an item raised anonymously; empty when not forwarded'),
  ],
};

/** `2026-4` or `2026-Q4`; checked against the clock by the service. */
export const OpenDataQuery = z.object({
  quarter: z.string().max(10).optional(),
  region: TerritoryCode.optional(),
  unit: TerritoryCode.optional(),
  point: TerritoryCode.optional(),
  district: TerritoryCode.optional(),
});
export type OpenDataQuery = z.infer<typeof OpenDataQuery>;

export const OpenDataFeedQuery = z.object({ region: TerritoryCode.optional() });

const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const OpenDataJson = z.object({
  licence: z.string(),
  generatedAt: z.string(),
  quarter: z.string(),
  fields: z.array(z.object({ name: z.string(), type: z.string(), description: z.object({ kk: z.string(), ru: z.string(), en: z.string() }) })),
  rows: z.array(z.record(z.string(), cell)),
}).meta({ id: 'OpenDataSet' });
