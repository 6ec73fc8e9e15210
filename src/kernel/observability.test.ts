import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { metricsReader } from './observability.ts';

const request = (ip: string, authorization?: string) =>
  ({ ip, headers: authorization ? { authorization } : {} }) as FastifyRequest;

describe('who may read the metrics', () => {
  it('is nobody when neither a token nor addresses are configured, not even this machine', () => {
    const mayRead = metricsReader({ token: undefined, allow: [] });
    expect(mayRead(request('127.0.0.1'))).toBe(false);
    expect(mayRead(request('::1', 'Bearer anything-at-all'))).toBe(false);
  });

  it('is the holder of the configured token, from anywhere', () => {
    const token = 't'.repeat(40);
    const mayRead = metricsReader({ token, allow: [] });
    expect(mayRead(request('203.0.113.9', `Bearer ${token}`))).toBe(true);
    expect(mayRead(request('203.0.113.9', `Bearer ${'x'.repeat(40)}`))).toBe(false);
    expect(mayRead(request('203.0.113.9'))).toBe(false);
  });

  it('is a client from an allowed address or network, IPv4 seen through IPv6 included', () => {
    const mayRead = metricsReader({ token: undefined, allow: ['10.20.0.0/16', '192.168.1.7', 'fd00::/8'] });
    expect(mayRead(request('10.20.3.4'))).toBe(true);
    expect(mayRead(request('::ffff:10.20.3.4'))).toBe(true);
    expect(mayRead(request('192.168.1.7'))).toBe(true);
    expect(mayRead(request('fd00::5'))).toBe(true);
    expect(mayRead(request('10.21.0.1'))).toBe(false);
    expect(mayRead(request('192.168.1.8'))).toBe(false);
  });
});
