/** See compiled.js. */
export function compiledOf(source: string): string | undefined;
