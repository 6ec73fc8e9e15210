import { useQuery } from '@tanstack/react-query';
import type { TerritoryView } from '../../src/modules/portal/territory/contract.ts';
import { api } from './api.ts';

/** The province served and its municipalities (from the server's configuration), read once per session. */
export function useTerritory() {
  return useQuery({
    queryKey: ['territory'],
    queryFn: () => api.get<TerritoryView>('/api/territory'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The municipalities of the province served, by name, for a picker; none until they arrive. */
export function useMunicipalities() {
  const { data } = useTerritory();
  return data?.municipalities.toSorted((a, b) => a.name.localeCompare(b.name, 'it')) ?? [];
}
