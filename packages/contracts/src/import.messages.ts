import { IMPORT_REASON_CODES } from '@esep/domain';
import type { Locale } from './error.contract.ts';

/**
 * Reasons an uploaded structure row is refused, with their messages in Kazakh, Russian and
 * English. The server sends `code` and `params` with the message in the request's language; the
 * web may re-render the same row in another language from `code` and `params`. `{name}` in a
 * message is replaced by the param of that name. The codes are the domain's (structure.cells.ts).
 */
export const IMPORT_REASONS = IMPORT_REASON_CODES;
export type ImportReasonCode = (typeof IMPORT_REASONS)[number];

type Text = { kk: string; ru: string; en: string };

export const IMPORT_MESSAGES: Record<ImportReasonCode, Text> = {
  required: {
    kk: 'Міндетті баған толтырылмаған',
    ru: 'Не заполнен обязательный столбец',
    en: 'A required column is empty',
  },
  not_a_number: {
    kk: '«{value}» мәні сан емес',
    ru: 'Значение «{value}» не является числом',
    en: 'The value “{value}” is not a number',
  },
  not_an_integer: {
    kk: 'Бүтін сан болуы керек, берілгені: «{value}»',
    ru: 'Должно быть целое число, указано «{value}»',
    en: 'Must be a whole number, got “{value}”',
  },
  out_of_range: {
    kk: 'Мән тым кіші: ең азы {min}',
    ru: 'Значение меньше допустимого: не менее {min}',
    en: 'The value is too small: at least {min}',
  },
  too_long: {
    kk: 'Мәтін тым ұзын (ең көбі {max} таңба)',
    ru: 'Слишком длинный текст (не более {max} символов)',
    en: 'The text is too long (at most {max} characters)',
  },
  bad_enum: {
    kk: '«{value}» мәніне рұқсат жоқ; рұқсат етілгендері: {allowed}',
    ru: 'Недопустимое значение «{value}»; допустимые: {allowed}',
    en: 'The value “{value}” is not allowed; allowed: {allowed}',
  },
  bad_date: {
    kk: 'Күн ЖЖЖЖ-АА-КК пішімінде болуы керек, берілгені: «{value}»',
    ru: 'Дата должна быть в формате ГГГГ-ММ-ДД, указано «{value}»',
    en: 'The date must be YYYY-MM-DD, got “{value}”',
  },
  duplicate_code: {
    kk: '«{value}» коды қайталанады ({firstRow}-жолда бар)',
    ru: 'Код «{value}» повторяется (уже есть в строке {firstRow})',
    en: 'The code “{value}” is repeated (already in row {firstRow})',
  },
  duplicate_row: {
    kk: 'Жол {firstRow}-жолды қайталайды',
    ru: 'Строка повторяет строку {firstRow}',
    en: 'The row repeats row {firstRow}',
  },
  unknown_reference: {
    kk: '«{value}» коды {target} парағында да, дерекқорда да табылмады',
    ru: 'Код «{value}» не найден ни на листе {target}, ни в базе данных',
    en: 'The code “{value}” is found neither on sheet {target} nor in the database',
  },
  self_adjacency: {
    kk: 'Учаске өзімен-өзі шектес бола алмайды',
    ru: 'Участок не может граничить сам с собой',
    en: 'A district cannot border itself',
  },
  duplicate_pair: {
    kk: 'Бұл шектес учаскелер жұбы {firstRow}-жолда көрсетілген',
    ru: 'Эта пара смежных участков уже указана в строке {firstRow}',
    en: 'This pair of neighbouring districts is already in row {firstRow}',
  },
  overlapping_range: {
    kk: 'Үй нөмірлерінің ауқымы {otherRow}-жолдағы ауқыммен қиылысады',
    ru: 'Диапазон домов пересекается с диапазоном в строке {otherRow}',
    en: 'The house range overlaps the range in row {otherRow}',
  },
  bad_range: {
    kk: 'Үй нөмірлерінің ауқымы қате: {from}–{to} аралығында бірде-бір үй жоқ',
    ru: 'Неверный диапазон домов: в промежутке {from}–{to} нет ни одного дома',
    en: 'Wrong house range: {from}–{to} contains no house',
  },
  bad_period: {
    kk: 'Аяқталу күні ({to}) басталу күнінен ({from}) ерте',
    ru: 'Дата окончания ({to}) раньше даты начала ({from})',
    en: 'The end date ({to}) is before the start date ({from})',
  },
  assignment_overlap: {
    kk: 'Бұл кезеңде учаскеге басқа инспектор бекітілген: {staff} ({from} күнінен бастап)',
    ru: 'На этот период за участком уже закреплён инспектор {staff} (с {from})',
    en: 'Inspector {staff} is already assigned to the district in this period (from {from})',
  },
  parent_cycle: {
    kk: 'Жоғары тұрған ӘАБ тізбегі тұйықталады: «{value}»',
    ru: 'Цепочка вышестоящих АТЕ замыкается: «{value}»',
    en: 'The chain of parent ATUs loops back: “{value}”',
  },
  point_other_unit: {
    kk: '«{value}» УПП басқа полиция бөліміне ({unit}) жатады',
    ru: 'УПП «{value}» относится к другому отделу полиции ({unit})',
    en: 'The point “{value}” belongs to another police unit ({unit})',
  },
  staff_other_unit: {
    kk: '«{value}» қызметкері учаскенің емес, басқа полиция бөлімінің ({unit}) қызметкері',
    ru: 'Сотрудник «{value}» числится в другом отделе полиции ({unit}), не в отделе участка',
    en: 'Staff member “{value}” belongs to another police unit ({unit}) than the district',
  },
  bad_iin: {
    kk: 'ЖСН дұрыс емес ({value}): 12 цифр болуы керек, соңғысы — бақылау цифры',
    ru: 'Неверный ИИН ({value}): нужно 12 цифр, последняя — контрольная',
    en: 'Invalid IIN ({value}): it must be 12 digits, the last one a check digit',
  },
  duplicate_iin: {
    kk: '{value} ЖСН-і файлда {firstRow}-жолда да бар',
    ru: 'ИИН {value} уже указан в файле в строке {firstRow}',
    en: 'IIN {value} is already given in row {firstRow} of the file',
  },
  bad_rca: {
    kk: 'Мекенжай тіркелімінің коды дұрыс емес ({value}): 16 цифр болуы керек',
    ru: 'Неверный код адресного регистра ({value}): нужно 16 цифр',
    en: 'Invalid address register code ({value}): it must be 16 digits',
  },
  duplicate_rca: {
    kk: '{value} мекенжай коды файлда {firstRow}-жолда да бар',
    ru: 'Код адреса {value} уже указан в файле в строке {firstRow}',
    en: 'Address code {value} is already given in row {firstRow} of the file',
  },
  rca_not_building: {
    kk: '{value} мекенжай коды бір ғимаратқа жатады: house_from мен house_to бірдей болуы керек',
    ru: 'Код адреса {value} относится к одному зданию: house_from и house_to должны совпадать',
    en: 'Address code {value} names one building: house_from and house_to must be equal',
  },
  iin_taken: {
    kk: '{value} ЖСН-і «{staff}» қызметкеріне жазылған',
    ru: 'ИИН {value} уже записан за сотрудником «{staff}»',
    en: 'IIN {value} is already recorded for staff member “{staff}”',
  },
  unknown_column: {
    kk: '«{column}» деген белгісіз баған',
    ru: 'Неизвестный столбец «{column}»',
    en: 'Unknown column “{column}”',
  },
  missing_column: {
    kk: '«{column}» міндетті бағаны жоқ',
    ru: 'Отсутствует обязательный столбец «{column}»',
    en: 'The required column “{column}” is missing',
  },
  duplicate_column: {
    kk: '«{column}» бағаны екі рет берілген',
    ru: 'Столбец «{column}» указан дважды',
    en: 'The column “{column}” appears twice',
  },
  unknown_sheet: {
    kk: '«{sheet}» деген белгісіз парақ; күтілетіндер: {allowed}',
    ru: 'Неизвестный лист «{sheet}»; ожидаются: {allowed}',
    en: 'Unknown sheet “{sheet}”; expected: {allowed}',
  },
  duplicate_sheet: {
    kk: '«{sheet}» парағы бірнеше рет жүктелген',
    ru: 'Лист «{sheet}» загружен более одного раза',
    en: 'The sheet “{sheet}” was uploaded more than once',
  },
  no_sheets: {
    kk: 'Файлда құрылым парақтары жоқ',
    ru: 'В файле нет ни одного листа структуры',
    en: 'The file has no structure sheets',
  },
  unknown_position: {
    kk: '«{value}» — мұндай лауазым жоқ: кодын немесе атауын жазыңыз (мысалы, inspector немесе «учаскелік полиция инспекторы»); кодтар: {allowed}',
    ru: '«{value}» — такой должности нет: укажите код или название (например, inspector или «участковый инспектор полиции»); коды: {allowed}',
    en: '“{value}” is not a known position: give its code or its name (e.g. inspector, “district police inspector”); codes: {allowed}',
  },
  unknown_rank: {
    kk: '«{value}» — мұндай арнаулы атақ жоқ: кодын немесе атауын жазыңыз (мысалы, captain немесе «полиция капитаны»); кодтар: {allowed}',
    ru: '«{value}» — такого специального звания нет: укажите код или название (например, captain или «капитан полиции»); коды: {allowed}',
    en: '“{value}” is not a police rank: give its code or its name (e.g. captain, “police captain”); codes: {allowed}',
  },
  control_character: {
    kk: 'Ұяшықта басқару таңбасы немесе бұзылған таңба бар (мысалы, NUL): оны алып тастаңыз',
    ru: 'В ячейке есть управляющий или повреждённый символ (например, NUL): удалите его',
    en: 'The cell holds a control or broken character (such as NUL): remove it',
  },
  too_many_errors: {
    kk: 'Қателер тым көп: {total} қатенің алғашқы {shown} қатесі көрсетілген',
    ru: 'Слишком много ошибок: показаны первые {shown} из {total}',
    en: 'Too many errors: showing the first {shown} of {total}',
  },
};

/** The message of a reason in a language, with its params filled in. */
export function importMessage(code: string, params: Record<string, string | number> | undefined, locale: Locale): string {
  const text = (IMPORT_MESSAGES as Record<string, Text | undefined>)[code]?.[locale] ?? code;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole));
}
