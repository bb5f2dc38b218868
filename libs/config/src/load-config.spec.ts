import { IsBoolean, IsInt } from 'class-validator';
import { Transform } from 'class-transformer';
import { toBoolean } from './common-config';
import { ConfigError, loadConfig } from './load-config';

class SampleConfig {
  @IsBoolean()
  @Transform(toBoolean)
  FEATURE: boolean = true;

  @IsBoolean()
  @Transform(toBoolean)
  OTHER: boolean = false;

  @IsInt()
  PORT: number = 3000;
}

describe('loadConfig', () => {
  it('reads false and 0 as false, true and 1 as true, whatever the default', () => {
    expect(
      loadConfig(SampleConfig, { FEATURE: 'false', OTHER: 'true', PORT: '8080' }),
    ).toMatchObject({ FEATURE: false, OTHER: true, PORT: 8080 });
    expect(loadConfig(SampleConfig, { FEATURE: '0', OTHER: '1' })).toMatchObject({
      FEATURE: false,
      OTHER: true,
    });
    expect(loadConfig(SampleConfig, {})).toMatchObject({ FEATURE: true, OTHER: false, PORT: 3000 });
  });

  it('refuses a boolean it cannot read', () => {
    expect(() => loadConfig(SampleConfig, { FEATURE: 'maybe' })).toThrow(ConfigError);
  });
});
