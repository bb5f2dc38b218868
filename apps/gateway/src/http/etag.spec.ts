import { parseETags, versionOf, weakETag } from './etag';

describe('ETags', () => {
  it('makes a weak ETag from a version number or an updatedAt instant', () => {
    expect(weakETag(7)).toBe('W/"7"');
    expect(weakETag('2026-11-25T20:00:00.000Z')).toBe(
      `W/"${Date.parse('2026-11-25T20:00:00.000Z')}"`,
    );
    expect(weakETag(new Date('2026-11-25T20:00:00Z'))).toBe(weakETag('2026-11-25T20:00:00.000Z'));
  });

  it('reads the version of an answer: version, then revision, then updatedAt', () => {
    expect(versionOf({ version: 3, updatedAt: '2026-01-01T00:00:00Z' })).toBe(3);
    expect(versionOf({ revision: 4 })).toBe(4);
    expect(versionOf({ updatedAt: '2026-01-01T00:00:00Z' })).toBe('2026-01-01T00:00:00Z');
    expect(versionOf({ items: [] })).toBeUndefined();
    expect(versionOf(undefined)).toBeUndefined();
  });

  it('parses If-Match lists, weak or strong, and refuses what is not an ETag', () => {
    expect(parseETags('W/"3"')).toEqual(['3']);
    expect(parseETags('"3", W/"4"')).toEqual(['3', '4']);
    expect(parseETags('*')).toEqual(['*']);
    expect(parseETags('3')).toBeUndefined();
    expect(parseETags('"3" junk')).toBeUndefined();
    expect(parseETags('')).toBeUndefined();
  });
});
