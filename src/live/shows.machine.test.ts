import { describe, expect, it } from 'vitest';
import { nextShowState } from './shows.machine';

describe('show lifecycle table', () => {
  it('goes scheduled → live → ended', () => {
    expect(nextShowState('scheduled', 'goLive')).toBe('live');
    expect(nextShowState('live', 'end')).toBe('ended');
  });

  it('refuses to leave ended and to go live twice', () => {
    expect(nextShowState('ended', 'goLive')).toBeNull();
    expect(nextShowState('ended', 'end')).toBeNull();
    expect(nextShowState('live', 'goLive')).toBeNull();
  });

  it('cancels only a show that has not started', () => {
    expect(nextShowState('scheduled', 'cancel')).toBe('cancelled');
    expect(nextShowState('live', 'cancel')).toBeNull();
  });

  it('never brings a cancelled show back', () => {
    expect(nextShowState('cancelled', 'goLive')).toBeNull();
    expect(nextShowState('cancelled', 'end')).toBeNull();
    expect(nextShowState('cancelled', 'cancel')).toBeNull();
  });
});
