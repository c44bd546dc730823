import { useEffect, useState } from 'preact/hooks';

/** A value the whole app can watch (the language, the signed-in user). */
export function signal<T>(value: T) {
  const listeners = new Set<(v: T) => void>();
  return {
    get: () => value,
    set(v: T) {
      value = v;
      listeners.forEach((l) => l(v));
    },
    subscribe(l: (v: T) => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

export function useSignal<T>(s: ReturnType<typeof signal<T>>): T {
  const [v, setV] = useState(s.get());
  useEffect(() => {
    const off = s.subscribe(setV);
    return () => { off(); };
  }, [s]);
  return v;
}
