/**
 * How a module starts one of its worker threads, compiled or from source: the built `.js` beside the caller, or,
 * when the caller itself runs from its `.ts` under tsx, that `.ts` loaded through tsx's API (threads do not
 * inherit the hooks tsx installed in the thread that starts them).
 */
export function workerEntry(callerUrl: string, name: string): { entry: URL | string; evaluate: boolean } {
  if (!callerUrl.endsWith('.ts')) return { entry: new URL(`./${name}.js`, callerUrl), evaluate: false };
  const api = import.meta.resolve('tsx/esm/api');
  const worker = new URL(`./${name}.ts`, callerUrl).href;
  return { entry: `import(${JSON.stringify(api)}).then((m) => m.tsImport(${JSON.stringify(worker)}, ${JSON.stringify(callerUrl)}))`, evaluate: true };
}
