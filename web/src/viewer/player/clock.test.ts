import { describe, expect, it } from 'vitest';
import { clockOf } from './RoomPlayer';

describe('chapter clock', () => {
  it('reads minutes and seconds, and hours once there are any', () => {
    expect(clockOf(0)).toBe('0:00');
    expect(clockOf(75.9)).toBe('1:15');
    expect(clockOf(3725)).toBe('1:02:05');
  });
});
