import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { ApiError } from './api';
import { t } from './i18n';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

/** Runs an API call, keeping its error (with the fields it names) until the next run. */
export function useAction<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async (...args: A): Promise<R | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await fn(...args);
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, [fn]);
  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  return { run, error, busy, fields };
}

/** Loads data when deps change; reload() refetches. */
export function useLoad<T>(fn: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    setError(null);
    fn().then((d) => live && setData(d), (e) => live && setError(e));
    return () => { live = false; };
  }, [...deps, n]);
  return { data, error, reload: () => setN((x) => x + 1) };
}

export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  const api = error instanceof ApiError ? error : null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div class="error" role="alert">
      <strong>{t('Error')}{api ? ` ${api.status}` : ''}:</strong> {message}
      {api?.problem.errors?.length ? (
        <ul>{api.problem.errors.map((e) => <li key={e.field}><code>{e.field}</code>: {e.message}</li>)}</ul>
      ) : null}
    </div>
  );
}

let fieldSeq = 0;

/** A labelled input with the API's message for this field next to it. */
export function Field(props: {
  label: string; name: string; errors?: Record<string, string>; value?: string; type?: string;
  required?: boolean; options?: string[]; onInput?: (v: string) => void; textarea?: boolean;
}) {
  const id = useRef(`f${++fieldSeq}-${props.name}`).current;
  const message = props.errors?.[props.name];
  const common = {
    id, name: props.name, value: props.value, required: props.required,
    'aria-invalid': message ? ('true' as const) : undefined,
    'aria-describedby': message ? `${id}-err` : undefined,
    onInput: (e: Event) => props.onInput?.((e.target as HTMLInputElement).value),
  };
  return (
    <div class={`field${message ? ' invalid' : ''}`}>
      <label for={id}>{props.label}</label>
      {props.options ? (
        <select {...common}>
          {props.options.map((o) => <option key={o} value={o}>{o === '' ? '—' : o}</option>)}
        </select>
      ) : props.textarea ? <textarea {...common} rows={3} /> : <input {...common} type={props.type ?? 'text'} />}
      {message ? <span class="field-error" id={`${id}-err`}>{message}</span> : null}
    </div>
  );
}

export function Section(props: { title: string; children: ComponentChildren }) {
  return <section><h2>{props.title}</h2>{props.children}</section>;
}

/** An ECharts chart; the canvas is described for screen readers by the chart's title. */
export function Chart({ option, label, testId }: { option: echarts.EChartsCoreOption; label: string; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    chart.setOption({ aria: { enabled: true, label: { description: label } }, animation: false, ...option });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => { window.removeEventListener('resize', resize); chart.dispose(); };
  }, [option, label]);
  return <figure class="chart"><div ref={ref} role="img" aria-label={label} data-testid={testId} style={{ height: '280px' }} /><figcaption>{label}</figcaption></figure>;
}

export function Table(props: { head: string[]; rows: ComponentChildren[][]; testId?: string; rowClass?: (i: number) => string | undefined }) {
  if (!props.rows.length) return <p>{t('Nothing here yet.')}</p>;
  return (
    <table data-testid={props.testId}>
      <thead><tr>{props.head.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
      <tbody>{props.rows.map((r, i) => <tr key={i} class={props.rowClass?.(i)}>{r.map((c, j) => <td key={j}>{c}</td>)}</tr>)}</tbody>
    </table>
  );
}
