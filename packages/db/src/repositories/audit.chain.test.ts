import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, entryHash, GENESIS_HASH, type AuditContent } from './audit.chain.ts';

const content: AuditContent = {
  at: new Date('2027-03-31T18:45:00.000Z'), actorId: null, actorName: 'admin', action: 'user.create',
  entityType: 'user', entityId: '42', before: null, after: { b: 1, a: 'x' }, clientAddress: '10.0.0.1',
};

describe('entry hash', () => {
  it('of an entry without a position (chain 0, written before lanes) is the hash those entries were written with', () => {
    const body = '{"action":"user.create","actorId":null,"actorName":"admin","after":{"a":"x","b":1},"at":"2027-03-31T18:45:00.000Z","before":null,"clientAddress":"10.0.0.1","entityId":"42","entityType":"user"}';
    expect(canonicalJson({ ...content, at: content.at.toISOString() })).toBe(body);
    expect(entryHash(GENESIS_HASH, content)).toBe(createHash('sha256').update(`${GENESIS_HASH}\n${body}`).digest('hex'));
  });

  it('of an entry in a lane covers its lane, its place and its witness', () => {
    const position = { chain: 3, seq: 7, witness: { chain: 4, seq: 2, hash: 'a'.repeat(64) } };
    const hash = entryHash(GENESIS_HASH, content, position);
    expect(hash).not.toBe(entryHash(GENESIS_HASH, content));
    expect(entryHash(GENESIS_HASH, content, { ...position, chain: 2 })).not.toBe(hash);
    expect(entryHash(GENESIS_HASH, content, { ...position, seq: 8 })).not.toBe(hash);
    expect(entryHash(GENESIS_HASH, content, { ...position, witness: null })).not.toBe(hash);
    expect(entryHash(GENESIS_HASH, content, { ...position, witness: { ...position.witness, hash: 'b'.repeat(64) } })).not.toBe(hash);
    expect(entryHash('1'.repeat(64), content, position)).not.toBe(hash);
    expect(entryHash(GENESIS_HASH, content, { ...position })).toBe(hash);
  });
});
