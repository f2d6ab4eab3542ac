/**
 * What kind of log a paste is (an SMS log, an event-log export, a Linux syslog, a Hadoop job log...), read off
 * the shape of its lines. The knowledge base covers Microsoft products of the 1990s and early 2000s: a paste
 * from a system it never covered is evidence that no article explains it (the troubleshooter asks more of its
 * matches then), never a filter.
 *
 * Every pattern is anchored at the line's start or bounded, and runs on at most SAMPLE_LINES lines of at
 * most SAMPLE_CHARS characters each.
 */
import type { LogKind } from '../types.js';

export interface LogKindRule {
  kind: string;
  /** How the page names it: "this looks like {label}". */
  label: string;
  /** True when the knowledge base covers logs of this kind (Microsoft products of its era). */
  covered: boolean;
  /** A line of this kind. Rules are tried in order; the first that matches a line counts it. */
  line: RegExp;
}

/** Most specific first: a macOS syslog line is also a syslog line, an SMS line may carry an event-log date. */
export const LOG_KIND_RULES: readonly LogKindRule[] = [
  { kind: 'sms', label: 'an SMS / Configuration Manager log', covered: true, line: /\$\$<|^<!\[LOG\[/ },
  { kind: 'exchange', label: 'an Exchange Server log or event', covered: true, line: /\bMSExchange[A-Z]\w*|\bMSEXCH[A-Z:]|\bMSMail\w*\b/ },
  { kind: 'iis', label: 'an IIS (W3C) web server log', covered: true, line: /^#Software: Microsoft Internet Information|\bW3SVC\d*\b|^(?:\d{4}-\d\d-\d\d \d\d:\d\d:\d\d )?(?:[\w.-]{1,64} ){1,8}(?:GET|POST|HEAD) \/\S{0,400} (?:\S{1,400} ){0,6}\d{3}\b/ },
  {
    kind: 'windows-event',
    label: 'a Windows event log',
    covered: true,
    line: /^(?:Information|Warning|Error|Success Audit|Failure Audit|Audit Success|Audit Failure)\t|^\d{1,2}\/\d{1,2}\/\d{2,4},\d{1,2}:\d\d(?::\d\d)?(?: ?[AP]M)?,|\bEvent ID:? {0,2}\d{1,5}\b|^Event Type:|^Source: {0,4}\w/,
  },
  { kind: 'dr-watson', label: 'a Windows crash log (Dr. Watson)', covered: true, line: /Application exception occurred|State Dump for Thread Id|\bDr\. ?Watson\b|^FAULT ->|^\s{0,8}(?:eax|eip)=[0-9a-f]{8}\b/i },
  {
    kind: 'windows-servicing',
    label: 'a Windows 7 or later servicing log (CBS)',
    covered: false,
    line: /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d, (?:Info|Warning|Error) {2,}(?:CBS|CSI|DPX|SQM)\b/,
  },
  { kind: 'android', label: 'an Android log (logcat)', covered: false, line: /^\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} {1,8}\d{1,6} {1,8}\d{1,6} [VDIWEFA] / },
  {
    kind: 'java',
    label: 'a Hadoop / Java (log4j) log',
    covered: false,
    line: /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d,\d{3} {1,2}(?:- )?(?:INFO|WARN|ERROR|DEBUG|FATAL|TRACE)\b|^\d\d\/\d\d\/\d\d \d\d:\d\d:\d\d (?:INFO|WARN|ERROR|DEBUG|FATAL) [\w.$]{1,200}:|^\d{6} \d{6} \d{1,6} (?:INFO|WARN|ERROR|DEBUG|FATAL) [\w.$]{1,200}:|\borg\.apache\.[a-z]|^\s{0,8}at (?:java|javax|org|com|sun)\.[\w.$]{1,200}\(|\bjava\.(?:lang|io|net|util)\.\w{1,80}(?:Exception|Error)\b/,
  },
  {
    kind: 'supercomputer',
    label: 'a supercomputer (Blue Gene / HPC cluster) log',
    covered: false,
    line: /^- \d{10} \d{4}\.\d\d\.\d\d |^\S{1,40} \d{10} \d{4}\.\d\d\.\d\d |\bRAS (?:KERNEL|APP|LINKCARD|MMCS|DISCOVERY|MONITOR|BGLMASTER|CMCS)\b|^\d{1,10} node-\d{1,6} |^\d{1,10} \S{1,40} \S{1,60} \S{1,80} \d{10} \d{1,3} /,
  },
  { kind: 'macos', label: 'a macOS system log', covered: false, line: /^[A-Z][a-z]{2} {1,2}\d{1,2} \d\d:\d\d:\d\d \S{1,80} (?:kernel\[0\]|com\.apple\.|[\w.]{0,60}(?:apple|Apple)[\w.]{0,60}\[)/ },
  { kind: 'apache', label: 'an Apache HTTP Server log', covered: false, line: /^\[(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} \d\d \d\d:\d\d:\d\d(?:\.\d{1,6})? \d{4}\] \[(?:\w{1,20}:)?(?:error|notice|warn|info|debug|crit|alert|emerg)\]/ },
  {
    kind: 'python-service',
    label: 'an OpenStack / Python service log',
    covered: false,
    line: /^(?:\S{1,120}\.log\S{0,40} )?\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \d{1,7} (?:INFO|WARNING|ERROR|DEBUG|CRITICAL) [a-z_]{1,40}(?:\.[a-z_]{1,40}){1,8} /,
  },
  {
    kind: 'syslog',
    label: 'a Linux / Unix syslog',
    covered: false,
    line: /^(?:[A-Z][a-z]{2} {1,2}\d{1,2} \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\S{0,20}) \S{1,80} [\w.\/()-]{1,64}(?:\[\d{1,10}\])?: /,
  },
];


const SAMPLE_LINES = 100;
const SAMPLE_CHARS = 400;
/** A kind is reported when at least this share of the sampled lines has its shape. */
const MIN_SHARE = 0.3;

/** The kind most of the paste's lines have, or undefined when no kind holds MIN_SHARE of them. */
export function recogniseLogKind(lines: readonly string[]): LogKind | undefined {
  const counts = new Map<LogKindRule, number>();
  let sampled = 0;
  for (const raw of lines) {
    if (sampled >= SAMPLE_LINES) break;
    const line = raw.length > SAMPLE_CHARS ? raw.slice(0, SAMPLE_CHARS) : raw;
    if (!line.trim()) continue;
    sampled++;
    const rule = LOG_KIND_RULES.find((r) => r.line.test(line));
    if (rule) counts.set(rule, (counts.get(rule) ?? 0) + 1);
  }
  let best: LogKindRule | undefined;
  let bestCount = 0;
  for (const [rule, n] of counts) if (n > bestCount) [best, bestCount] = [rule, n];
  if (!best || !sampled || bestCount / sampled < MIN_SHARE) return undefined;
  return { kind: best.kind, label: best.label, covered: best.covered, share: Math.round((bestCount / sampled) * 1000) / 1000 };
}

/** The sentence the page and the notice use: "This looks like a Linux / Unix syslog; ...". */
export function describeLogKind(kind: LogKind): string {
  return kind.covered
    ? `This looks like ${kind.label}.`
    : `This looks like ${kind.label}; the knowledge base covers Microsoft products of the 1990s and early 2000s.`;
}
