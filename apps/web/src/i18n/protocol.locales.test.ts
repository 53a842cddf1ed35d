import { describe, expect, it } from 'vitest';
import * as c from '@esep/contracts';
import en from './locales/protocol.en.json';
import kk from './locales/protocol.kk.json';
import ru from './locales/protocol.ru.json';
import { localeCompleteness, type Locales, type Tree } from './locale-completeness.ts';

/*
 * The `protocol` namespace (the protocol page, signing, addenda, documents, the video panel)
 * is held to the same standard as the main locale files: every key in every language, no empty
 * text, the same {{variables}}, and really translated.
 */
const LOCALES: Locales = { kk, ru, en };

describe('protocol locale files', () => {
  localeCompleteness(LOCALES);

  it('names every signature method, protocol status, item route and NCALayer failure the page shows', () => {
    const routes = [...c.ProtocolContent.shape.items.element.shape.route.options].sort();
    for (const tree of Object.values(LOCALES)) {
      const keys = (name: string) => Object.keys(tree[name] as Tree).sort();
      expect(keys('method')).toEqual([...c.SIGNATURE_METHOD_VALUES].sort());
      expect(keys('status')).toEqual([...c.ProtocolView.shape.status.options].sort());
      expect(keys('route')).toEqual(routes);
      expect(Object.keys((tree.sign as Tree).ncalayer as Tree).sort()).toEqual(['cancelled', 'download', 'refused', 'timeout', 'unavailable']);
    }
  });
});
