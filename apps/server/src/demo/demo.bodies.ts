import { idsByCode, insertStateBody, type Executor } from '@esep/db';
import { DEMO } from './demo.data.ts';

/**
 * a directory of state bodies of Almaty oblast and Karasai district that items outside
 * police competence are forwarded to, with the item topics each is competent for. Names follow
 * the akimat's departments; contacts are illustrative.
 */
interface DemoBody { code: string; nameKk: string; nameRu: string; topics: string[]; atu?: string; region?: boolean; contact: string }

export const DEMO_STATE_BODIES: DemoBody[] = [
  {
    code: 'KAR-HOUSING', atu: 'ALM-KAR-RN', topics: ['housing', 'neighbours', 'road_safety'],
    nameKk: 'Қарасай ауданының тұрғын үй-коммуналдық шаруашылығы, жолаушылар көлігі және автомобиль жолдары бөлімі',
    nameRu: 'Отдел жилищно-коммунального хозяйства, пассажирского транспорта и автомобильных дорог Карасайского района',
    contact: 'Қаскелең қ., Әбілқайыр хан к-сі, 1 · +7 727 112 00 01',
  },
  {
    code: 'KAR-EDUCATION', atu: 'ALM-KAR-RN', topics: ['youth'],
    nameKk: 'Қарасай ауданының білім бөлімі', nameRu: 'Отдел образования Карасайского района',
    contact: 'Қаскелең қ., Наурызбай батыр к-сі, 14 · +7 727 112 00 02',
  },
  {
    code: 'KAR-SOCIAL', atu: 'ALM-KAR-RN', topics: ['domestic_violence', 'other'],
    nameKk: 'Қарасай ауданының жұмыспен қамту және әлеуметтік бағдарламалар бөлімі',
    nameRu: 'Отдел занятости и социальных программ Карасайского района',
    contact: 'Қаскелең қ., Тәуелсіздік к-сі, 11 · +7 727 112 00 03',
  },
  {
    code: 'KAR-YOUTH-CENTRE', atu: 'ALM-KAR-RN', topics: ['youth'],
    nameKk: 'Қарасай ауданының жастар ресурстық орталығы', nameRu: 'Молодёжный ресурсный центр Карасайского района',
    contact: 'Қаскелең қ., Абай к-сі, 25 · +7 727 112 00 04',
  },
  {
    code: 'KAR-LAND', atu: 'ALM-KAR-RN', topics: ['housing', 'neighbours'],
    nameKk: 'Қарасай ауданының жер қатынастары бөлімі', nameRu: 'Отдел земельных отношений Карасайского района',
    contact: 'Қаскелең қ., Әбілқайыр хан к-сі, 1 · +7 727 112 00 05',
  },
  {
    code: 'KAR-SHA-AKIM', atu: 'ALM-KAR-SHA', topics: ['housing', 'neighbours', 'road_safety', 'public_order'],
    nameKk: 'Шамалған ауылдық округі әкімінің аппараты', nameRu: 'Аппарат акима Шамалганского сельского округа',
    contact: 'Шамалған а., Жібек жолы к-сі, 10 · +7 727 112 10 10',
  },
  {
    code: 'ALM-HEALTH', region: true, topics: ['other'],
    nameKk: 'Алматы облысының денсаулық сақтау басқармасы', nameRu: 'Управление здравоохранения Алматинской области',
    contact: 'Қонаев қ., Абай к-сі, 36 · +7 727 200 00 01',
  },
  {
    code: 'ALM-ECOLOGY', region: true, topics: ['other', 'neighbours'],
    nameKk: 'Алматы облысының табиғи ресурстар және табиғат пайдалануды реттеу басқармасы',
    nameRu: 'Управление природных ресурсов и регулирования природопользования Алматинской области',
    contact: 'Қонаев қ., Абай к-сі, 36 · +7 727 200 00 02',
  },
  {
    code: 'ALM-LAND-CONTROL', region: true, topics: ['housing', 'neighbours'],
    nameKk: 'Алматы облысының жер ресурстарын пайдалану мен қорғауды бақылау басқармасы',
    nameRu: 'Управление по контролю за использованием и охраной земель Алматинской области',
    contact: 'Қонаев қ., Абай к-сі, 36 · +7 727 200 00 03',
  },
  {
    code: 'ALM-ROADS', region: true, topics: ['road_safety'],
    nameKk: 'Алматы облысының жолаушылар көлігі және автомобиль жолдары басқармасы',
    nameRu: 'Управление пассажирского транспорта и автомобильных дорог Алматинской области',
    contact: 'Қонаев қ., Абай к-сі, 36 · +7 727 200 00 04',
  },
  {
    code: 'TAL-HOUSING', atu: 'ALM-TAL-RN', topics: ['housing', 'neighbours', 'road_safety'],
    nameKk: 'Талғар ауданының тұрғын үй-коммуналдық шаруашылығы бөлімі', nameRu: 'Отдел жилищно-коммунального хозяйства Талгарского района',
    contact: 'Талғар қ., Қонаев к-сі, 50 · +7 727 742 00 01',
  },
];

/** Adds the demo directory (bodies with a taken code are left as they are). Returns how many were added. */
export async function seedDemoStateBodies(db: Executor): Promise<number> {
  const regionId = (await idsByCode(db, 'regions', [DEMO.region])).get(DEMO.region) ?? null;
  const atuIds = await idsByCode(db, 'atus', [...new Set(DEMO_STATE_BODIES.flatMap((b) => (b.atu ? [b.atu] : [])))]);
  let added = 0;
  for (const b of DEMO_STATE_BODIES) {
    const row = await insertStateBody(db, {
      code: b.code, nameKk: b.nameKk, nameRu: b.nameRu, topics: b.topics, contact: b.contact,
      regionId, atuId: b.atu ? atuIds.get(b.atu) ?? null : null,
    });
    if (row) added += 1;
  }
  return added;
}
