import { describeError, SettingError, SettingsError } from '../../src/core/errors.js';

describe('errors', () => {
  it('names the setting and the rule', () => {
    const error = new SettingError('agent-count', 'must be a whole number from 0 to 100', 2.5);
    expect(error.message).toBe('agent-count: must be a whole number from 0 to 100 (got 2.5)');
    expect(error.code).toBe('setting-invalid');
  });

  it('lists every problem at once', () => {
    const error = new SettingsError([new SettingError('a', 'rule one'), new SettingError('b', 'rule two')]);
    expect(error.message).toBe('invalid settings:\n  - a: rule one\n  - b: rule two');
  });

  it('keeps thrown strings and objects', () => {
    expect(describeError('boom')).toBe('boom');
    expect(describeError({ code: 1 })).toBe('{"code":1}');
    expect(describeError(new Error('x'))).toBe('x');
  });
});
