import { describe, expect, it } from 'vitest';
import { errorForLog } from './jobs.ts';

describe('job queue errors in the log', () => {
  it('keeps the error, never the database connection it carries', () => {
    const error = Object.assign(new Error('Connection terminated unexpectedly'), {
      code: '57P01',
      client: { connectionParameters: { password: 'secret' }, _queryable: false },
    });
    const logged = errorForLog(error);
    expect(logged).toMatchObject({
      type: 'Error',
      message: 'Connection terminated unexpectedly',
      code: '57P01',
    });
    expect(JSON.stringify(logged)).not.toContain('secret');
    expect(Object.keys(logged).sort()).toEqual(['code', 'message', 'stack', 'type']);
  });

  it('logs a thrown value that is not an error as text', () => {
    expect(errorForLog('lost')).toEqual({ type: 'string', message: 'lost' });
  });
});
