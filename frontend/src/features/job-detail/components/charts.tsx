import { Area, AreaChart, Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '../../../lib/format';
import type { AnalysisResult, UserActivity } from '../api/result';

const ACCENT = '#2457c5';
const MAX_LABEL = 24;

function shorten(text: string): string {
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}

/** Horizontal bars of the most active users, with the distinct user count in the caption. */
export function UserActivityChart({ users }: { users: UserActivity }) {
  const top = users.top.slice(0, 15);
  const leader = top[0];
  const height = Math.max(160, top.length * 28 + 40);
  const longest = Math.max(0, ...top.map((user) => shorten(user.id).length));
  const axisWidth = Math.min(200, Math.max(56, longest * 8.5 + 24));
  return (
    <figure className="chart" aria-label="Top users">
      <figcaption>
        <strong>{formatNumber(users.distinct, 0)}</strong> distinct {users.column ? <>values of <code>{users.column}</code></> : 'users'}
        {users.distinctIsEstimate ? ' (estimate)' : ''}.
        {leader && (
          <>
            {' '}Most active: <strong className="top-user">{leader.id}</strong> with <strong className="top-user-events">{formatNumber(leader.events, 0)}</strong> events.
          </>
        )}
      </figcaption>
      {top.length > 0 && (
        <ResponsiveContainer width="100%" height={height}>
          <BarChart data={top} layout="vertical" margin={{ left: 8, right: 24, top: 8, bottom: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} />
            <YAxis type="category" dataKey="id" width={axisWidth} tickFormatter={shorten} interval={0} />
            <Tooltip />
            <Bar dataKey="events" name="Events" fill={ACCENT} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}

/** Records per time bucket as an area chart. */
export function TimelineChart({ timeline }: { timeline: NonNullable<AnalysisResult['timeline']> }) {
  const daily = /D/.test(timeline.bucketWidth ?? '') && !/T/.test(timeline.bucketWidth ?? '');
  const data = timeline.buckets.map((bucket) => ({ ...bucket, label: bucketLabel(bucket.start, daily) }));
  return (
    <figure className="chart" aria-label="Timeline">
      <figcaption>
        Records per {describeWidth(timeline.bucketWidth)}
        {timeline.column ? <> by <code>{timeline.column}</code></> : null}, {data.length} buckets from {data[0]?.label ?? '—'} to {data[data.length - 1]?.label ?? '—'}{daily ? '' : ' UTC'}.
      </figcaption>
      {data.length > 0 && (
        <ResponsiveContainer width="100%" height={240}>
          <AreaChart data={data} margin={{ left: 8, right: 24, top: 8, bottom: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" minTickGap={40} />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Area type="monotone" dataKey="count" name="Records" stroke={ACCENT} fill="#9db5ea" isAnimationActive={false} />
          </AreaChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}

function bucketLabel(start: string, daily: boolean): string {
  return daily ? start.slice(0, 10) : start.slice(0, 16).replace('T', ' ');
}

function describeWidth(iso: string | null | undefined): string {
  if (!iso) return 'bucket';
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso);
  if (!match) return iso;
  const [, d, h, m, s] = match;
  const unit = (n: string | undefined, name: string) => (n ? `${n} ${name}${n === '1' ? '' : 's'}` : undefined);
  const parts = [unit(d, 'day'), unit(h, 'hour'), unit(m, 'minute'), unit(s, 'second')].filter(Boolean) as string[];
  return parts.length === 1 && parts[0]!.startsWith('1 ') ? parts[0]!.slice(2) : parts.join(' ');
}

/** Vertical bars for a value → count distribution (status codes, levels, methods). */
export function CountChart({ title, data }: { title: string; data: Array<{ value: string; count: number }> }) {
  return (
    <figure className="chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={data.slice(0, 20)} margin={{ left: 8, right: 16, top: 8, bottom: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="value" interval={0} tickFormatter={shorten} />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Bar dataKey="count" name="Count" fill={ACCENT} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
