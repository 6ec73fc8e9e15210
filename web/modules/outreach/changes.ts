import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../app/api.ts';
import { keys, type OutreachEvent } from './requests.ts';

/** Tells the page what a change did, in the sentence its notice shows. */
export type Done = (notice: string) => void;

/** Keeps the event view a change returned, and has the list of events read again. */
export function useKeepEvent() {
  const queryClient = useQueryClient();
  return (event: OutreachEvent) => {
    queryClient.setQueryData(keys.event(event.id), event);
    void queryClient.invalidateQueries({ queryKey: keys.events });
  };
}

/** The server's reason for refusing a change, for a message beside the button that asked for it. */
export const problemText = (error: unknown, fallback: string) =>
  error instanceof ApiError ? error.userMessage : fallback;
