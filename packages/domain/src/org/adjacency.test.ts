import { describe, expect, it } from 'vitest';
import { firstDisconnected, neighbours, normalisePair } from './adjacency.ts';

describe('adjacency (R-27.4)', () => {
  const pairs = [normalisePair('b', 'a'), normalisePair('b', 'c'), normalisePair('d', 'e')];
  it('is stored once and read both ways', () => {
    expect(normalisePair('z', 'a')).toEqual(['a', 'z']);
    expect(neighbours(pairs, 'b').sort()).toEqual(['a', 'c']);
    expect(neighbours(pairs, 'a')).toEqual(['b']);
  });
  it('accepts a connected set and names the district that breaks one', () => {
    expect(firstDisconnected(['a', 'b', 'c'], pairs)).toBeNull();
    expect(firstDisconnected(['a', 'c'], pairs)).toBe('c');
    expect(firstDisconnected(['a', 'b', 'd'], pairs)).toBe('d');
    expect(firstDisconnected(['a'], pairs)).toBeNull();
  });
});
