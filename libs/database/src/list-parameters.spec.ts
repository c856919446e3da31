import { describe, expect, it } from '@jest/globals';
import { arrayParameterValue, joinedList, splitListSql } from './list-parameters.js';

describe('list parameters', () => {
  it('join codes and split them back in SQL', () => {
    expect(joinedList(['SEXUAL', 'LABOUR'])).toBe('SEXUAL,LABOUR');
    expect(splitListSql('r.exploitation')).toBe("string_to_array(r.exploitation, ',')");
  });

  it('give one row its parameter value: null when absent, lists joined, scalars as they are', () => {
    expect(arrayParameterValue(undefined)).toBeNull();
    expect(arrayParameterValue(null)).toBeNull();
    expect(arrayParameterValue(['SEXUAL', 'LABOUR'])).toBe('SEXUAL,LABOUR');
    expect(arrayParameterValue(30)).toBe(30);
    expect(arrayParameterValue(false)).toBe(false);
  });

  it('refuse an element that holds the separator', () => {
    expect(() => joinedList(['A,B'])).toThrow(RangeError);
  });
});
