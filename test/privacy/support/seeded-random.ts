/** Deterministic pseudo-random integers (mulberry32): attack tests must give the same verdict on every run. */
export type RandomSource = (limit: number) => number;

export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return (limit) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed);
    return Math.floor((((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296) * limit);
  };
}

/** Picks from weighted choices; weights need not sum to anything in particular. */
export function weightedPick<T>(random: RandomSource, choices: readonly (readonly [T, number])[]): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let ticket = random(total);
  for (const [choice, weight] of choices) {
    if (ticket < weight) return choice;
    ticket -= weight;
  }
  return choices.at(-1)![0];
}
