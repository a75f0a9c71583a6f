/**
 * Runs a model loader and turns its failure into a message a person can act
 * on: which model, from where, and how to put the files back.
 */
export async function loadModelOrExplain<T>(
  load: () => Promise<T>,
  name: string,
  modelBaseUrl: string,
): Promise<T> {
  try {
    return await load();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(
      `The ${name} model could not be loaded from ${modelBaseUrl} (${reason}). ` +
        'The model files may be missing or damaged: run `npm run models` where the app is served from.',
    );
  }
}
