/** Broadcast stations recognised by the shape of their names, on sentences written for the project. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findCitations } from './citations.ts';
import { findStationNames } from './station-names.ts';

const names = (text: string) => findStationNames(text).map((s) => s.name);
const cited = (text: string) =>
  findCitations(text, [], null)
    .map((c) => c.name)
    .sort();

describe('station names by their shape', () => {
  it('reads call letters with their service, and a channel after them', () => {
    assert.deepEqual(names('The mayor spoke to KQRT-TV on Monday.'), ['KQRT-TV']);
    assert.deepEqual(names('Listeners of WPLX-FM called in.'), ['WPLX-FM']);
    assert.deepEqual(names('according to WQRS-TV Channel 7.'), ['WQRS-TV']);
  });
  it('reads a radio brand with its frequency, either side, and "NewsRadio 880"', () => {
    assert.deepEqual(names('a driver told 1030 WQRX that he saw it'), ['1030 WQRX']);
    assert.deepEqual(names('Officials told KQRZ 1150 the road was shut.'), ['KQRZ 1150']);
    assert.deepEqual(names('as heard on WQPL 101.3 this morning'), ['WQPL 101.3']);
    assert.deepEqual(names('NewsRadio 740 reported the crash.'), ['NewsRadio 740']);
  });
  it('reads network affiliates by channel number and bare call letters in running text', () => {
    assert.deepEqual(names('The fire chief told NBC 5 the blaze was out.'), ['NBC 5']);
    assert.deepEqual(names('A neighbour told ABC7 she heard shots.'), ['ABC7']);
    assert.deepEqual(names('The school board told WQRT that classes resume.'), ['WQRT']);
  });
  it('does not read numbers that are no frequency, common acronyms or words in capitals', () => {
    assert.deepEqual(names('In 2012 WQRT moved studios.'), []);
    assert.deepEqual(names('Some 300 WQRT listeners wrote in.'), []);
    assert.deepEqual(names('About 600 WHO staff were sent home.'), []);
    assert.deepEqual(names('Veterans of WWII gathered in the park.'), []);
    assert.deepEqual(names('POLICE SAY WHAT HAPPENED WAS AN ACCIDENT'), []);
  });
  it('cites a station as a news outlet', () => {
    assert.deepEqual(cited('"It was dark," a witness told 1030 WQRX.'), ['1030 WQRX']);
    assert.deepEqual(cited('The bridge reopened at noon, KQRT-TV reported.'), ['KQRT-TV']);
  });
});
