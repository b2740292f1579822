import type { ReactNode } from "react";

/**
 * "Details for developers": a URL the app will build, in full and parameter by
 * parameter, so a partner sees exactly what is sent. Placeholders stand for secrets.
 */
export function UrlDetails(props: {
  summary: string;
  url: string;
  testId: string;
  caption: string;
  children: ReactNode;
}) {
  return (
    <details className="rounded-lg border border-slate-200 p-3 text-sm">
      {/* The box's whole top band opens it (44 px), not only the line of text (20 px). */}
      <summary className="-m-3 cursor-pointer p-3 font-medium">{props.summary}</summary>
      <p className="mt-2 break-all font-mono text-xs" data-testid={props.testId}>
        {decodeURI(props.url)}
      </p>
      <table className="mt-3 w-full text-left text-xs">
        <caption className="sr-only">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="pr-3">
              Parameter
            </th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {[...new URL(props.url).searchParams].map(([name, value]) => (
            <tr key={name}>
              <td className="pr-3 font-mono">{name}</td>
              <td className="break-all font-mono">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-slate-600">{props.children}</p>
    </details>
  );
}
