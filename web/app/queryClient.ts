import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api.ts';

/** Answers the server gave on purpose (4xx) are not retried; a dropped connection is, once. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 1;
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: shouldRetry, staleTime: 30_000 },
    mutations: { retry: false },
  },
});
