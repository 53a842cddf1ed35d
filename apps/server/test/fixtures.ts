import { applyStructure, type Db } from '@esep/db';
import { emptyStructure, type StructureData } from '@esep/domain';

/** A second region (the capital) so that every role has records outside its territory. */
export async function addCapitalRegion(db: Db, today: string): Promise<void> {
  const year = today.slice(0, 4);
  const data: StructureData = {
    ...emptyStructure(),
    regions: [{ code: 'AST', kind: 'capital', nameKk: 'Астана қаласы', nameRu: 'город Астана' }],
    units: [{ code: 'AST-ESL', regionCode: 'AST', kind: 'city_district_department', nameKk: 'Есіл аудандық ПБ', nameRu: 'УП района Есиль' }],
    points: [{ code: 'AST-ESL-P1', unitCode: 'AST-ESL', nameKk: 'Есіл №1 УПП', nameRu: 'УПП №1 Есиль', address: null }],
    atus: [{ code: 'AST-ESL-RN', regionCode: 'AST', parentCode: null, kind: 'city_district', nameKk: 'Есіл ауданы', nameRu: 'район Есиль', akimName: 'Жақсыбеков Ержан', akimatNameKk: 'Есіл ауданы әкімінің аппараты', akimatNameRu: 'Аппарат акима района Есиль', maslikhatNameKk: null, maslikhatNameRu: null }],
    districts: [
      { code: 'AST-ESL-P1-D01', pointCode: 'AST-ESL-P1', atuCode: 'AST-ESL-RN', nameKk: '№1 учаске', nameRu: 'Участок №1', population: 9100 },
      { code: 'AST-ESL-P1-D02', pointCode: 'AST-ESL-P1', atuCode: 'AST-ESL-RN', nameKk: '№2 учаске', nameRu: 'Участок №2', population: 8700 },
    ],
    adjacency: [{ districtCode: 'AST-ESL-P1-D01', adjacentCode: 'AST-ESL-P1-D02' }],
    coverage: [{ districtCode: 'AST-ESL-P1-D01', streetKind: 'avenue', streetNameKk: 'Мәңгілік Ел', streetNameRu: 'Мангилик Ел', houseFrom: 1, houseTo: 99, parity: 'odd' }],
    staff: [{ code: 'S-AST-1', fullName: 'Оралов Бақыт Серікұлы', position: 'inspector', rank: null, unitCode: 'AST-ESL', pointCode: 'AST-ESL-P1' }],
    assignments: [{ districtCode: 'AST-ESL-P1-D01', staffCode: 'S-AST-1', role: 'inspector', from: `${year}-01-01`, to: null }],
  };
  await db.transaction((tx) => applyStructure(tx, data));
}
