import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalEntry,
  canonicalJson,
  chainHash,
  diffFields,
  GENESIS_HASH,
  REDACTED_VALUE,
  redactedChange,
  type SealableEntry,
} from './audit.ts';

const ENTRY: SealableEntry = {
  seq: 42,
  id: '0192f3a0-0000-7000-8000-000000000001',
  at: '2026-11-25T09:30:00.123456Z',
  kind: 'change',
  action: 'identity.user.update',
  entityType: 'user',
  entityId: '0192f3a0-0000-7000-8000-0000000000aa',
  actorUserId: '0192f3a0-0000-7000-8000-0000000000bb',
  actorLabel: 'mario.rossi@prefettura.it',
  organisationId: null,
  requestId: 'req-1',
  clientAddress: '192.0.2.10',
  data: { before: { email: 'a@x.it' }, after: { email: 'b@x.it' } },
};

/** The same JSON value with the keys of every object in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, item]) => [key, reverseKeys(item)]),
  );
}

describe('canonical JSON', () => {
  it('sorts object keys at every depth and keeps the order of arrays', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('gives the same text whatever the order of the keys', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(reverseKeys(value))).toBe(canonicalJson(value));
      }),
    );
  });

  it('reads back as the value it describes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(JSON.parse(canonicalJson(value)))).toBe(canonicalJson(value));
      }),
    );
  });

  it('writes dates as ISO instants and leaves out undefined members, as JSON does', () => {
    expect(canonicalJson({ at: new Date('2026-03-02T08:00:00Z'), gone: undefined, list: [undefined] })).toBe(
      '{"at":"2026-03-02T08:00:00.000Z","list":[null]}',
    );
  });

  it('escapes strings as JSON', () => {
    expect(canonicalJson({ 'città "Lodi"': 'a\nb' })).toBe('{"città \\"Lodi\\"":"a\\nb"}');
  });
});

describe('entry hash', () => {
  it('covers every column of the entry, in a fixed text', () => {
    expect(canonicalEntry(ENTRY)).toBe(
      '{"action":"identity.user.update","actorLabel":"mario.rossi@prefettura.it",' +
        '"actorUserId":"0192f3a0-0000-7000-8000-0000000000bb","at":"2026-11-25T09:30:00.123456Z",' +
        '"clientAddress":"192.0.2.10","data":{"after":{"email":"b@x.it"},"before":{"email":"a@x.it"}},' +
        '"entityId":"0192f3a0-0000-7000-8000-0000000000aa","entityType":"user",' +
        '"id":"0192f3a0-0000-7000-8000-000000000001","kind":"change","organisationId":null,' +
        '"requestId":"req-1","seq":42}',
    );
  });

  it('is the canonical JSON of the columns, whatever their values', () => {
    const text = fc.string();
    const entry = fc.record({
      seq: fc.nat(),
      id: fc.uuid(),
      at: text,
      kind: fc.constantFrom('change' as const, 'access' as const, 'security' as const),
      action: text,
      entityType: text,
      entityId: fc.option(text),
      actorUserId: fc.option(fc.uuid()),
      actorLabel: fc.option(text),
      organisationId: fc.option(fc.uuid()),
      requestId: fc.option(text),
      clientAddress: fc.option(text),
      data: fc.jsonValue({ maxDepth: 3 }),
    });
    fc.assert(fc.property(entry, (value) => canonicalEntry(value) === canonicalJson(value)));
  });

  it('is SHA-256 of the previous hash, a newline and the canonical entry', () => {
    // Computed with `printf '%s\n%s' <64 zeros> <canonical entry> | sha256sum`.
    expect(chainHash(GENESIS_HASH, ENTRY)).toBe(
      'a69eb102d6250e296cc39c48dcbc3f883676042ba058b475b065b99a199d7c48',
    );
  });

  it('does not depend on the order of the keys in the data', () => {
    expect(chainHash(GENESIS_HASH, { ...ENTRY, data: reverseKeys(ENTRY.data) })).toBe(
      chainHash(GENESIS_HASH, ENTRY),
    );
  });

  it('changes when any column or the previous hash changes', () => {
    const base = chainHash(GENESIS_HASH, ENTRY);
    const variants: SealableEntry[] = [
      { ...ENTRY, seq: 43 },
      { ...ENTRY, at: '2026-11-25T09:30:00.123457Z' },
      { ...ENTRY, action: 'identity.user.delete' },
      { ...ENTRY, actorLabel: null },
      { ...ENTRY, organisationId: '0192f3a0-0000-7000-8000-0000000000cc' },
      { ...ENTRY, clientAddress: '192.0.2.11' },
      { ...ENTRY, data: { before: { email: 'a@x.it' }, after: { email: 'c@x.it' } } },
    ];
    for (const variant of variants) expect(chainHash(GENESIS_HASH, variant)).not.toBe(base);
    expect(chainHash(base, ENTRY)).not.toBe(base);
  });
});

describe('changed fields', () => {
  it('keeps only the fields whose value changed', () => {
    expect(
      diffFields(
        { name: 'Mario', email: 'a@x.it', roles: ['operator'] },
        { name: 'Mario', email: 'b@x.it', roles: ['operator'] },
      ),
    ).toEqual({ before: { email: 'a@x.it' }, after: { email: 'b@x.it' } });
  });

  it('compares dates by instant and stores them as ISO strings', () => {
    const at = '2026-03-02T08:00:00.000Z';
    expect(diffFields({ lockedUntil: new Date(at) }, { lockedUntil: new Date(at) })).toEqual({
      before: {},
      after: {},
    });
    expect(diffFields({ lockedUntil: new Date(at) }, { lockedUntil: null })).toEqual({
      before: { lockedUntil: at },
      after: { lockedUntil: null },
    });
  });

  it('compares nested values by content, whatever their key order', () => {
    expect(
      diffFields({ address: { city: 'Lodi', cap: '26900' } }, { address: { cap: '26900', city: 'Lodi' } }),
    ).toEqual({ before: {}, after: {} });
    expect(diffFields({ address: { city: 'Lodi' } }, { address: { city: 'Codogno' } })).toEqual({
      before: { address: { city: 'Lodi' } },
      after: { address: { city: 'Codogno' } },
    });
  });

  it('records a field that appears or disappears on one side only', () => {
    expect(diffFields({ phone: '0371 1', fax: undefined }, { email: 'a@x.it' })).toEqual({
      before: { phone: '0371 1' },
      after: { email: 'a@x.it' },
    });
  });

  it('keeps every field of a creation or a deletion', () => {
    const created = new Date('2026-03-02T08:00:00Z');
    expect(diffFields(null, { code: 'LO', createdAt: created })).toEqual({
      before: null,
      after: { code: 'LO', createdAt: '2026-03-02T08:00:00.000Z' },
    });
    expect(diffFields({ code: 'LO' }, undefined)).toEqual({ before: { code: 'LO' }, after: null });
  });
});

describe('redacted change', () => {
  it('keeps which fields changed and their nulls, not the values', () => {
    expect(
      redactedChange({
        before: { email: 'a@x.it', phone: null, address: { street: 'Via Roma 1' } },
        after: { email: 'b@x.it', phone: '+39 333 1234567', tags: ['a'], isActive: false, count: 0 },
      }),
    ).toEqual({
      before: { email: REDACTED_VALUE, phone: null, address: REDACTED_VALUE },
      after: {
        email: REDACTED_VALUE,
        phone: REDACTED_VALUE,
        tags: REDACTED_VALUE,
        isActive: REDACTED_VALUE,
        count: REDACTED_VALUE,
      },
    });
    expect(redactedChange({ before: null, after: { reason: 'x' } })).toEqual({
      before: null,
      after: { reason: REDACTED_VALUE },
    });
  });

  it('changes nothing a second time, so an entry is redacted once', () => {
    const values = fc.dictionary(fc.string(), fc.oneof(fc.constant(null), fc.string(), fc.integer()));
    fc.assert(
      fc.property(fc.record({ before: fc.option(values), after: fc.option(values) }), (data) => {
        const once = redactedChange(data);
        expect(canonicalJson(redactedChange(once))).toBe(canonicalJson(once));
      }),
    );
  });
});
