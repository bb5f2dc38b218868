import { RESCUE_INVALID_FOR_MS, RESCUE_MAX_ROWS, RescueTrigger } from './rescue-trigger';

const FROM = 10_000;

describe('RescueTrigger (when the annealing hands its rota to the repair)', () => {
  it('rescues a rota invalid since the start once the rescue is open, and only once', () => {
    const rescue = new RescueTrigger(FROM, 0);
    rescue.look(FROM - 1, 5, 3);
    expect(rescue.due(FROM - 1, 5)).toBe(false);
    expect(rescue.due(FROM, 5)).toBe(true);
    expect(rescue.due(FROM + 1, 5)).toBe(false);
  });

  it('never rescues a valid rota', () => {
    const rescue = new RescueTrigger(FROM, 0);
    rescue.look(FROM, 0, 0);
    expect(rescue.due(FROM + 60_000, 0)).toBe(false);
  });

  it('waits until the rota has broken a rule at every look for RESCUE_INVALID_FOR_MS', () => {
    const rescue = new RescueTrigger(FROM, 0);
    rescue.look(FROM - 500, 0, 0); // valid at this look
    rescue.look(FROM, 2, 1); // breaks a rule from here
    expect(rescue.due(FROM + RESCUE_INVALID_FOR_MS - 1, 2)).toBe(false);
    rescue.look(FROM + 2000, 2, 1);
    expect(rescue.due(FROM + RESCUE_INVALID_FOR_MS, 2)).toBe(true);
  });

  it('starts the wait again after a look at a valid rota', () => {
    const rescue = new RescueTrigger(FROM, 0);
    rescue.look(FROM, 2, 1);
    rescue.look(FROM + 2000, 0, 0);
    rescue.look(FROM + 2500, 2, 1);
    expect(rescue.due(FROM + RESCUE_INVALID_FOR_MS + 1000, 2)).toBe(false);
    expect(rescue.due(FROM + 2500 + RESCUE_INVALID_FOR_MS, 2)).toBe(true);
  });

  it('leaves a rota breaking rules on many rows to the annealing', () => {
    const rescue = new RescueTrigger(FROM, 0);
    rescue.look(FROM, 40, RESCUE_MAX_ROWS + 1);
    expect(rescue.due(FROM + 5000, 40)).toBe(false);
    rescue.look(FROM + 5000, 30, RESCUE_MAX_ROWS);
    expect(rescue.due(FROM + 5000, 30)).toBe(true);
  });

  it('does not rescue a rota the annealing has made valid since the last look', () => {
    const rescue = new RescueTrigger(FROM, 0);
    rescue.look(FROM, 2, 1);
    expect(rescue.due(FROM + 5000, 0)).toBe(false);
    expect(rescue.due(FROM + 5000, 2)).toBe(true);
  });

  it('gives a rota still invalid once the cooling is over a last call, however many rows break a rule', () => {
    const lastCall = FROM + 40_000;
    const rescue = new RescueTrigger(FROM, 0, lastCall);
    rescue.look(FROM, 9, RESCUE_MAX_ROWS + 5);
    expect(rescue.due(lastCall - 1, 9)).toBe(false);
    expect(rescue.due(lastCall, 9)).toBe(true);
    expect(rescue.due(lastCall + 1, 9)).toBe(false);
  });

  it('gives the last call even after the first rescue, but not to a valid rota', () => {
    const lastCall = FROM + 40_000;
    const rescue = new RescueTrigger(FROM, 0, lastCall);
    rescue.look(FROM, 3, 2);
    expect(rescue.due(FROM, 3)).toBe(true);
    expect(rescue.due(lastCall - 1, 3)).toBe(false);
    expect(rescue.due(lastCall, 3)).toBe(true);
    const valid = new RescueTrigger(FROM, 0, lastCall);
    valid.look(lastCall, 0, 0);
    expect(valid.due(lastCall, 0)).toBe(false);
  });
});
