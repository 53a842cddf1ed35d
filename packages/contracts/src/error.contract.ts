import { z } from 'zod';

/**
 * One error shape for every API answer that is not a success. `code` is stable (clients and
 * tests match on it); `message` is in the language of the request's Accept-Language.
 */
export const ERROR_CODES = [
  'validation_failed', 'unauthenticated', 'invalid_credentials', 'account_locked', 'rate_limited',
  'csrf_failed', 'forbidden', 'not_found', 'conflict', 'assignment_overlap', 'import_invalid',
  'password_policy', 'wrong_password', 'demo_disabled', 'oidc_disabled', 'oidc_failed',
  'payload_too_large', 'unsupported_file', 'rule_violation', 'internal_error',
  'consent_required', 'already_registered', 'registration_closed',
  'material_removed', 'database_unavailable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * What each error status means, everywhere in the API (OpenAPI and README say the same). The line
 * between 409 and 422: 409 when the record's current state forbids the request and the same
 * request may succeed once something else has happened; 422 when the request's own content breaks
 * a rule and must change before it can succeed.
 */
export const ERROR_STATUS_MEANING = {
  400: 'Malformed input: a field fails its schema (details name the field and the reason).',
  401: 'Not logged in, or the session or token has expired.',
  403: 'The record is visible to you, but this action is not yours to take.',
  404: 'Not found — or outside your territory, which is answered the same way so ids cannot be probed.',
  409: "The record's current state forbids this now: wrong status for the action, a stale version, a duplicate, or a step that must come first (e.g. announcing before the notice is published, verifying a check not yet done). The same request may succeed later.",
  422: "The request's content breaks a rule of the regulation (e.g. districts not adjacent, R-27.4; a late signature without a reason, R-32.3): change the request. `details.rule` names the rule and `details.reason` the case.",
  429: 'Too many requests: wait and try again.',
} as const;

export const ErrorBody = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: z.unknown().optional(),
  }),
}).meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;

type Messages = Record<ErrorCode, { kk: string; ru: string; en: string }>;

export const ERROR_MESSAGES: Messages = {
  validation_failed: { kk: 'Деректер қате толтырылған', ru: 'Данные заполнены неверно', en: 'The data is not valid' },
  unauthenticated: { kk: 'Жүйеге кіру қажет', ru: 'Требуется вход в систему', en: 'You need to log in' },
  invalid_credentials: { kk: 'Логин немесе құпиясөз қате', ru: 'Неверный логин или пароль', en: 'Wrong username or password' },
  account_locked: { kk: 'Тіркелгі уақытша бұғатталған, кейінірек қайталаңыз', ru: 'Учётная запись временно заблокирована, повторите позже', en: 'The account is temporarily locked; try again later' },
  rate_limited: { kk: 'Сұраулар тым көп, біраз күтіңіз', ru: 'Слишком много запросов, подождите', en: 'Too many requests; please wait' },
  csrf_failed: { kk: 'Сессия тексерілмеді, бетті жаңартыңыз', ru: 'Не удалось проверить сессию, обновите страницу', en: 'The session check failed; reload the page' },
  forbidden: { kk: 'Бұл әрекетке рұқсатыңыз жоқ', ru: 'У вас нет прав на это действие', en: 'You are not allowed to do this' },
  not_found: { kk: 'Табылмады', ru: 'Не найдено', en: 'Not found' },
  conflict: { kk: 'Жазба басқа өзгеріспен қайшы келеді', ru: 'Запись конфликтует с другим изменением', en: 'The record conflicts with another change' },
  assignment_overlap: { kk: 'Учаскеге бұл кезеңде басқа инспектор бекітілген', ru: 'На этот период за участком закреплён другой инспектор', en: 'Another inspector is assigned to the district in this period' },
  import_invalid: { kk: 'Файлда қателер бар, ештеңе өзгертілмеді', ru: 'В файле есть ошибки, ничего не изменено', en: 'The file has errors; nothing was changed' },
  password_policy: { kk: 'Құпиясөз кемінде 10 таңбадан тұруы керек', ru: 'Пароль должен содержать не менее 10 символов', en: 'The password must have at least 10 characters' },
  wrong_password: { kk: 'Қазіргі құпиясөз қате', ru: 'Текущий пароль неверен', en: 'The current password is wrong' },
  demo_disabled: { kk: 'Демо-тіркелгілер өндірістік режимде өшірілген', ru: 'Демо-учётные записи отключены в рабочем режиме', en: 'Demo accounts are disabled in production' },
  oidc_disabled: { kk: 'OpenID Connect арқылы кіру бапталмаған', ru: 'Вход через OpenID Connect не настроен', en: 'OpenID Connect login is not configured' },
  oidc_failed: { kk: 'Сәйкестендіру провайдері арқылы кіру сәтсіз', ru: 'Не удалось войти через провайдера идентификации', en: 'Login through the identity provider failed' },
  payload_too_large: { kk: 'Файл тым үлкен', ru: 'Файл слишком большой', en: 'The file is too large' },
  unsupported_file: { kk: 'Файл түрі қолдау көрсетілмейді (XLSX немесе CSV)', ru: 'Тип файла не поддерживается (XLSX или CSV)', en: 'Unsupported file type (XLSX or CSV)' },
  rule_violation: { kk: 'Ереже талабы орындалмайды', ru: 'Не выполняется требование правил', en: 'A rule of the regulation is not met' },
  consent_required: { kk: 'Дербес деректерді өңдеуге келісім қажет', ru: 'Требуется согласие на обработку персональных данных', en: 'Consent to processing personal data is required' },
  already_registered: { kk: 'Бұл адам осы кездесуге тіркеліп қойған', ru: 'Этот человек уже зарегистрирован на встречу', en: 'This person is already registered for the meeting' },
  registration_closed: { kk: 'Тіркеу тек кездесу уақытында ашық', ru: 'Регистрация открыта только во время встречи', en: 'Registration is open only during the meeting' },
  material_removed: { kk: 'Файл сақтау мерзімі өткен соң жойылды (R-32.6); жазбаның өзі сақталады', ru: 'Файл удалён по истечении срока хранения (R-32.6); сама запись сохранена', en: 'The file was removed after the retention period (R-32.6); the record itself is kept' },
  internal_error: { kk: 'Ішкі қате, әрекетті қайталаңыз', ru: 'Внутренняя ошибка, повторите действие', en: 'Internal error; please try again' },
  database_unavailable: { kk: 'Дерекқор жауап бермейді, кейінірек қайталаңыз', ru: 'База данных не отвечает, повторите позже', en: 'The database is not answering; try again later' },
};

export const LOCALES = ['kk', 'ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const Locale = z.enum(LOCALES);
