import { createHash } from 'node:crypto';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ASK_POW_SCRIPT, POW_SOLVER_SOURCE } from '../../public/ask-pow.script.ts';
import { challengeHashOf, checkPow, leadingZeroBits, POW_BITS, powDigest, solvePow } from './question.pow.ts';

/* the question form's proof of work — the server's check, and the page's own solver against it. */
const challenge = `1772445600000.${'s'.repeat(16)}.${'m'.repeat(43)}`;
const other = `1772445600000.${'t'.repeat(16)}.${'m'.repeat(43)}`;

interface Solver {
  powPrefix(prefix: string): unknown;
  powDigest(state: unknown, nonce: string, out: Int32Array, w: Int32Array, bytes: Uint8Array): Int32Array;
  powSearch(prefix: string, bits: number, from: number, count: number): number;
}
// The page's script is a string on purpose (ask-pow.script.ts): its solver is evaluated here as the browser would.
const solver = new Function(`${POW_SOLVER_SOURCE}; return { powPrefix, powDigest, powSearch };`)() as Solver;

describe('proof of work: the server\'s check (R-29)', () => {
  it('counts leading zero bits', () => {
    expect(leadingZeroBits(Uint8Array.from([0, 0, 0x80]))).toBe(16);
    expect(leadingZeroBits(Uint8Array.from([0, 1, 0xff]))).toBe(15);
    expect(leadingZeroBits(Uint8Array.from([0x40]))).toBe(1);
    expect(leadingZeroBits(new Uint8Array(4))).toBe(32);
  });

  it('accepts a solution, and the difficulty is what the page asks for', () => {
    const nonce = solvePow(challenge);
    expect(checkPow(challenge, nonce)).toBe(true);
    expect(leadingZeroBits(powDigest(challenge, nonce))).toBeGreaterThanOrEqual(POW_BITS);
    expect(POW_BITS).toBeGreaterThanOrEqual(14);
    expect(POW_BITS).toBeLessThanOrEqual(16);
  });

  it('refuses a wrong nonce, too few bits and a nonce of another challenge', () => {
    const nonce = solvePow(challenge);
    // The nonce before the first solution solves nothing (solvePow answers the first).
    if (nonce !== '0') expect(checkPow(challenge, String(Number(nonce) - 1))).toBe(false);
    // Solved at 8 bits only: refused at POW_BITS unless it happens to have more.
    const weak = Array.from({ length: 5000 }, (_, n) => String(n)).find((n) => {
      const bits = leadingZeroBits(powDigest(challenge, n));
      return bits >= 8 && bits < POW_BITS;
    })!;
    expect(checkPow(challenge, weak, 8)).toBe(true);
    expect(checkPow(challenge, weak)).toBe(false);
    // A solution is bound to its challenge (these two fixed challenges: checked, not by chance).
    expect(checkPow(challenge, solvePow(other))).toBe(false);
    expect(checkPow(other, nonce)).toBe(false);
  });

  it('refuses malformed and absurdly long input unread', () => {
    const nonce = solvePow(challenge);
    for (const bad of ['', ' 1', '1 ', '-1', '1e3', '0x1f', 'abc', '1'.repeat(13), '9'.repeat(100_000), `${nonce}\n`]) expect(checkPow(challenge, bad), bad.slice(0, 20)).toBe(false);
    expect(checkPow('', nonce)).toBe(false);
    expect(checkPow('x'.repeat(1_000_000), '1', 0)).toBe(false);
  });

  it('keeps a used challenge as a sha256, not as such', () => {
    expect(challengeHashOf(challenge)).toBe(createHash('sha256').update(challenge).digest('hex'));
    expect(challengeHashOf(challenge)).not.toBe(challengeHashOf(other));
  });
});

describe('proof of work: the page\'s solver (public/ask-pow.script.ts)', () => {
  it('is SHA-256: the same digest as node:crypto for every prefix length across the block edges', () => {
    const out = new Int32Array(8);
    const w = new Int32Array(64);
    const bytes = new Uint8Array(128);
    for (let length = 0; length <= 200; length += 1) {
      const prefix = 'a.Z_-9'.repeat(40).slice(0, length);
      for (const nonce of ['0', '7', '123456789012']) {
        const words = solver.powDigest(solver.powPrefix(prefix), nonce, out, w, bytes);
        const hex = Array.from(words, (v) => (v >>> 0).toString(16).padStart(8, '0')).join('');
        expect(hex, `${length} ${nonce}`).toBe(createHash('sha256').update(prefix + nonce).digest('hex'));
      }
    }
  });

  it('finds the same first solution as the server, which accepts it', () => {
    for (const c of [challenge, other]) {
      const found = solver.powSearch(`${c}:`, POW_BITS, 0, 10_000_000);
      expect(String(found)).toBe(solvePow(c));
      expect(checkPow(c, String(found))).toBe(true);
    }
    // A slice without a solution answers -1 (the page then tries the next slice).
    expect(solver.powSearch(`${challenge}:`, 32, 0, 10)).toBe(-1);
  });

  it('the whole script is one valid classic script', () => {
    expect(() => new Script(ASK_POW_SCRIPT)).not.toThrow();
    // Nothing newer than ES2017 and nothing loaded from elsewhere.
    expect(ASK_POW_SCRIPT).not.toMatch(/\?\.|\?\?|import\s*\(|\bimport\s|fetch\(|XMLHttpRequest|eval\(|https?:/);
  });
});
