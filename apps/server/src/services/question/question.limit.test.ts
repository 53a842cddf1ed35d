import { describe, expect, it } from 'vitest';
import { networkOf } from './question.limit.ts';

describe('the network a question comes from (R-29 limits)', () => {
  it('is the IPv4 /24, also for IPv4-mapped addresses', () => {
    expect(networkOf('203.0.113.7')).toBe('203.0.113.0/24');
    expect(networkOf('::ffff:203.0.113.200')).toBe('203.0.113.0/24');
  });
  it('is the IPv6 /48', () => {
    expect(networkOf('2001:db8:abcd:12::1')).toBe('2001:db8:abcd::/48');
    expect(networkOf('2001:db8::1')).toBe('2001:db8:0::/48');
  });
});
