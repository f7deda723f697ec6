import type { AnalysisResult } from '../api/result';

const KINDS: Record<string, string> = {
  csv: 'a CSV file',
  tsv: 'a tab-separated file',
  jsonl: 'JSON lines',
  'log/apache-common': 'an Apache access log (common format)',
  'log/apache-combined': 'an Apache access log (combined format)',
  'log/syslog': 'a syslog file',
  'log/app': 'an application log',
  text: 'plain text',
};

function delimiterName(delimiter: string): string {
  switch (delimiter) {
    case ',': return 'commas';
    case ';': return 'semicolons';
    case '\t': return 'tabs';
    case '|': return 'pipes';
    case ' ': return 'spaces';
    default: return `“${delimiter}”`;
  }
}

/** The detected format said in a sentence or two. */
export function describeFormat(format: NonNullable<AnalysisResult['format']>): string {
  const kind = format.kind ? (KINDS[format.kind] ?? format.kind) : 'a file of unknown kind';
  const parts = [`This looks like ${kind}`];
  if (format.encoding) parts.push(`encoded as ${format.encoding}`);
  let sentence = parts.join(', ') + '.';
  if (format.delimiter) sentence += ` Fields are separated by ${delimiterName(format.delimiter)}.`;
  if (format.hasHeader != null && (format.kind === 'csv' || format.kind === 'tsv' || format.delimiter)) {
    sentence += format.hasHeader ? ' The first row is a header.' : ' There is no header row.';
  }
  if (format.compression && format.compression !== 'none') sentence += ` It was ${format.compression}-compressed.`;
  return sentence;
}

/** Detected format and warnings, plainly worded. */
export function FormatSummary({ result }: { result: AnalysisResult }) {
  return (
    <>
      {result.format && <p className="lead">{describeFormat(result.format)}</p>}
      {result.warnings && result.warnings.length > 0 && (
        <div className="warning-box" role="note" aria-label="Warnings">
          <strong>Things to know about this analysis</strong>
          <ul>
            {result.warnings.map((warning, i) => (
              <li key={i}>{warning}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
