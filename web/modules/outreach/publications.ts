/** What the publication pages share: keeping the publication a change returned, and its copies still to hand out. */
import { useQueryClient } from '@tanstack/react-query';
import { keys, type Publication } from './requests.ts';

/** Keeps the publication view a change returned, and has the list of publications read again. */
export function useKeepPublication() {
  const queryClient = useQueryClient();
  return (publication: Publication) => {
    queryClient.setQueryData(keys.publication(publication.id), publication);
    void queryClient.invalidateQueries({ queryKey: keys.publications });
  };
}

/** The printed copies not yet delivered anywhere. */
export const copiesLeft = (publication: Publication) =>
  Math.max(0, publication.copiesPrinted - publication.copiesDistributed);
