import type { OutgoingMessage } from '../../src/notifications/channel.ts';

/*
 * Messages for the channel tests: Kazakh text carrying every letter Kazakh adds to Cyrillic
 * (ә ғ қ ң ө ұ ү һ і), which a wrong charset or encoding step would garble.
 */
export const KAZAKH_LETTERS = ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і'] as const;

export function kazakhMessage(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    key: 'delivery-7f3c2a10-5b1e-4c8e-9d2f-0a1b2c3d4e5f',
    address: '+77011234567',
    locale: 'kk',
    subject: 'Есеп: хабарландыру мерзімі жақындады',
    text: 'Құрметті инспектор! Тұрғындармен кездесу туралы хабарландыруды 3 күн ішінде жариялаңыз (R-27.1). '
      + 'Әріптер: ә ғ қ ң ө ұ ү һ і — жиһаз, өңір, ұйым, үй, ғимарат.',
    link: 'https://esep.example.kz/meetings/42',
    ...overrides,
  };
}
