/** The most results one search returns, and the furthest it pages: the engine clamps to these, the API and the CLI refuse beyond them. */
export const SEARCH_LIMITS = { maxLimit: 100, maxOffset: 10_000 } as const;
