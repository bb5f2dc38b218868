import { refuseHostileJson } from './body-limits';

const check = (text: string, maxDepth?: number): string | undefined => {
  try {
    refuseHostileJson(maxDepth)(undefined, undefined, Buffer.from(text));
    return undefined;
  } catch (error) {
    expect((error as { status?: number }).status).toBe(400);
    return (error as Error).message;
  }
};

describe('refuseHostileJson', () => {
  it('lets ordinary bodies through, prototype words in values included', () => {
    expect(check('{"lastName":"Martin","skills":[{"code":"can-vaccinate"}]}')).toBeUndefined();
    expect(check('{"note":"__proto__","other":"\\"constructor\\": 1","a":["constructor"]}')).toBeUndefined();
    expect(check('{"a":{"b":{"c":1}}}', 3)).toBeUndefined();
  });

  it('refuses nesting deeper than the limit, brackets inside strings not counted', () => {
    expect(check('{"a":{"b":{"c":{"d":1}}}}', 3)).toMatch(/deeper than 3/);
    expect(check('[[[[1]]]]', 3)).toMatch(/deeper/);
    expect(check('{"a":"[[[[[[[[{{{{{{"}', 3)).toBeUndefined();
    expect(check(`{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`)).toMatch(/deeper than 32/);
  });

  it('refuses __proto__, constructor, prototype and inherited member names as keys at any depth, however escaped', () => {
    expect(check('{"__proto__":{"isAdmin":true}}')).toMatch(/__proto__/);
    expect(check('{"a":[{"b":{"constructor" :{"prototype":{}}}}]}')).toMatch(/constructor/);
    expect(check('{"\\u005f_proto__":{}}')).toMatch(/__proto__/);
    expect(check('{"prototype":1}')).toMatch(/prototype/);
    expect(check('{"toString":1,"valueOf":{}}')).toMatch(/toString/);
    expect(check('{"hasOwnPropertyX":1}')).toBeUndefined();
  });
});
