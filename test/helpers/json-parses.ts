// Watching JSON.parse: which texts a piece of work hands it (how much one call takes on is how long it holds the loop).

/** Runs `work` with JSON.parse recording the texts it is given, and puts JSON.parse back afterwards. */
export async function recordingParses<T>(work: () => Promise<T>): Promise<{ result: T; texts: string[] }> {
  const parse = JSON.parse;
  const texts: string[] = [];
  JSON.parse = ((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
    texts.push(text);
    return parse(text, reviver);
  }) as typeof JSON.parse;
  try {
    return { result: await work(), texts };
  } finally {
    JSON.parse = parse;
  }
}

export const longest = (texts: string[]) => Math.max(0, ...texts.map((text) => text.length));
