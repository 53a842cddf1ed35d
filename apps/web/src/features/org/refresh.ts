import type { QueryClient } from '@tanstack/react-query';

/**
 * After an assignment changes: the district's detail (inspector, assistants), its assignment
 * history and "served by" answers (all keyed under `['district', id]`), and the districts lists
 * that show the inspector.
 */
export function refreshDistrict(queryClient: QueryClient, districtId: string): void {
  void queryClient.invalidateQueries({ queryKey: ['district', districtId] });
  void queryClient.invalidateQueries({ queryKey: ['districts'] });
}
