/**
 * A pasted log -> lines with their message separated from timestamps, thread ids, severity/host columns
 * and log prefixes/suffixes, so that the message can be templated and matched to what articles quote.
 *
 * Every pattern is anchored at the start of the (remaining) line and has no nested quantifiers: a pasted
 * line can be megabytes long. Prefixes are peeled one at a time in a bounded loop instead of one big regex.
 */

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface LogLine {
  /** 1-based line number in the paste. */
  n: number;
  /** The line as pasted (control characters removed, cut to maxLineChars). */
  raw: string;
  /** The message with timestamps, thread ids, severity/host columns and log prefix/suffix removed. */
  message: string;
  /** 'error' | 'warning' | 'info' when the line's own columns or words say so. */
  severity?: Severity;
  /** Component from the prefix or suffix (SMS `$$<Despooler>`, event-log Source, syslog program) if present. */
  component?: string;
  /** How many consecutive lines carried this message (set by collapseRepeats; absent means 1). */
  count?: number;
}

export interface SplitOptions {
  /** Lines read at most; the rest of the paste is ignored. Default 100,000. */
  maxLines?: number;
  /** Characters kept of one line, from its start. Default 4,000. */
  maxLineChars?: number;
}

const SPLIT_DEFAULTS: Required<SplitOptions> = { maxLines: 100_000, maxLineChars: 4000 };

/** Event-log type words, as exported by Event Viewer (column 1 or 4). */
const EVENT_TYPES: Readonly<Record<string, Severity>> = {
  information: 'info',
  info: 'info',
  success: 'info',
  'success audit': 'info',
  'audit success': 'info',
  warning: 'warning',
  warn: 'warning',
  error: 'error',
  'failure audit': 'error',
  'audit failure': 'error',
  critical: 'error',
  fatal: 'error',
};

/** Level words written in brackets or before a colon by many loggers (`[ERROR]`, `WARN:`). */
const LEVEL_WORDS: Readonly<Record<string, Severity>> = {
  error: 'error', err: 'error', fatal: 'error', critical: 'error', crit: 'error', severe: 'error', e: 'error',
  warning: 'warning', warn: 'warning', w: 'warning',
  info: 'info', information: 'info', informational: 'info', notice: 'info', debug: 'info', trace: 'info', verbose: 'info', i: 'info',
};

// Control characters other than tab; NUL and friends come from binary logs pasted as text.
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Reads a paste into lines (any line endings), dropping blank lines and log headers. */
export function splitLogLines(text: string, options: SplitOptions = {}): LogLine[] {
  const { maxLines, maxLineChars } = { ...SPLIT_DEFAULTS, ...options };
  const out: LogLine[] = [];
  let n = 0;
  let pos = 0;
  while (pos <= text.length && n < maxLines) {
    let end = pos;
    // Manual scan: one pass, no regex split over a huge paste.
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if (c === 10 || c === 13) break;
      end++;
    }
    n++;
    const cut = end - pos > maxLineChars ? pos + maxLineChars : end;
    const raw = text.slice(pos, cut).replace(CONTROL_CHARS, '');
    if (raw.trim()) {
      const stripped = stripLogPrefix(raw);
      if (stripped.message) out.push({ n, raw, ...stripped });
    }
    if (end >= text.length) break;
    pos = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  return out;
}

/** Consecutive lines with the same message collapse to the first, with `count` saying how many there were. */
export function collapseRepeats(lines: LogLine[]): LogLine[] {
  const out: LogLine[] = [];
  for (const line of lines) {
    const last = out[out.length - 1];
    if (last && last.message === line.message) last.count = (last.count ?? 1) + 1;
    else out.push({ ...line });
  }
  return out;
}

export interface StrippedLine {
  message: string;
  severity?: Severity;
  component?: string;
}

/** Separates one line's message from its log decoration (SMS, CCM, event log, syslog, IIS, timestamps). */
export function stripLogPrefix(line: string): StrippedLine {
  let s = line;
  let severity: Severity | undefined;
  let component: string | undefined;

  // Why: W3C/IIS headers (#Fields:, #Software:) describe the file, not an event.
  if (s.charCodeAt(0) === 35 /* # */ && /^#(?:Fields|Software|Version|Date|Remark|Start-Date|End-Date):/i.test(s)) {
    return { message: '' };
  }

  // ConfigMgr / SMS 2003+: <![LOG[message]LOG]!><time="..." date="..." component="X" type="3" ...>
  if (s.startsWith('<![LOG[')) {
    const close = s.indexOf(']LOG]!>');
    if (close > 0) {
      const attrs = s.slice(close + 7, close + 7 + 600);
      component = /component="([^"]{1,80})"/.exec(attrs)?.[1];
      const type = /type="(\d)"/.exec(attrs)?.[1];
      severity = type === '3' ? 'error' : type === '2' ? 'warning' : type === '1' ? 'info' : undefined;
      s = s.slice(7, close);
      return finish(s, severity, component);
    }
  }

  // SMS 1.x/2.0: message  $$<component><date time><thread=N (0xN)> (the suffix may be cut short).
  const sms = s.indexOf('$$<');
  if (sms >= 0) {
    const close = s.indexOf('>', sms + 3);
    const comp = s.slice(sms + 3, close > 0 ? close : undefined).trim();
    if (comp && comp.length <= 120) component = comp.slice(Math.max(comp.lastIndexOf('\\'), comp.lastIndexOf('/')) + 1);
    s = s.slice(0, sms);
    return finish(s, severity, component);
  }

  // Event Viewer exports: tab- or comma-separated columns.
  const ev = readEventColumns(s);
  if (ev) {
    // Why: an exported row's description can itself be a saved row of another export (one level deep).
    const inner = readEventColumns(ev.message.trim());
    if (inner) return finish(inner.message, ev.severity ?? inner.severity, ev.component ?? inner.component);
    return finish(ev.message, ev.severity, ev.component);
  }

  // Prefixes at the start: dates, times, thread/process ids, bracketed levels, syslog host program[pid]:.
  let stripped = false;
  for (let guard = 0; guard < 12; guard++) {
    const before = s;
    s = s.replace(/^[\s|:,;-]{1,40}/, '');
    const m = LEADING_STAMP.exec(s) ?? LEADING_IDS.exec(s);
    if (m) {
      s = s.slice(m[0].length);
      stripped = true;
      continue;
    }
    const br = BRACKETED.exec(s);
    if (br && (stripped || looksLikeStamp(br[1]))) {
      const lvl = LEVEL_WORDS[br[1].trim().toLowerCase()];
      if (lvl || looksLikeStamp(br[1])) {
        severity ??= lvl;
        s = s.slice(br[0].length);
        stripped = true;
        continue;
      }
    }
    if (stripped) {
      // Why: `Tue Nov 04 13:07:27 1997` puts the year after the time.
      const year = /^(?:19|20)\d{2}(?=[\s,]|$)/.exec(s);
      if (year) {
        s = s.slice(year[0].length);
        continue;
      }
      // Why: syslog writes `host program[pid]:` after its timestamp.
      const sys = SYSLOG_SOURCE.exec(s);
      if (sys) {
        component = sys[2];
        s = s.slice(sys[0].length);
        continue;
      }
      // Event-log style `Error<TAB>` or `WARN:` right after a stamp.
      const lvl = LEVEL_PREFIX.exec(s);
      if (lvl && LEVEL_WORDS[lvl[1].toLowerCase()]) {
        severity ??= LEVEL_WORDS[lvl[1].toLowerCase()];
        s = s.slice(lvl[0].length);
        continue;
      }
    }
    if (s === before) break;
  }
  if (stripped) s = stripWebClient(s);
  return finish(s, severity, component);
}

// A date, a time, a weekday or month name with a day, alone or in combination; one per loop turn.
const LEADING_STAMP = new RegExp(
  '^(?:' +
    [
      '\\d{4}-\\d{1,2}-\\d{1,2}(?:[T ]\\d{1,2}:\\d{2}(?::\\d{2})?(?:[.,]\\d{1,7})?)?(?:Z|[+-]\\d{2}:?\\d{2})?',
      '\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4},?',
      '\\d{1,2}/\\d{1,2}(?= \\d{1,2}:\\d{2})',
      '\\d{1,2}/[A-Za-z]{3}/\\d{4}(?::\\d{2}:\\d{2}:\\d{2})?(?: [+-]\\d{4})?',
      '\\d{1,2}:\\d{2}(?::\\d{2})?(?:[.,]\\d{1,7})?(?:[+-]\\d{1,4})?(?: ?[AaPp][Mm])?,?',
      '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]{0,6},?',
      '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\\.? {1,2}\\d{1,2}(?:st|nd|rd|th)?,?(?= )',
      '\\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6} \\d{4}',
      '\\d{8}[ T]\\d{6}',
    ].join('|') +
    ')(?=[\\s\\]|:,;-]|$)',
);
// Thread and process ids: `PID 269 TID 3683:`, `Thread 0x1A4:`, `[0x02EB]` is handled as bracketed, `(0x1A4)`.
const LEADING_IDS = /^(?:(?:PID|TID|Thread|Process|thread|pid|tid|ThreadId|ProcessId)[ =:#]{0,3}(?:0x[0-9A-Fa-f]{1,16}|\d{1,10})|\(0x[0-9A-Fa-f]{1,16}\)|0x[0-9A-Fa-f]{2,16}(?=:))(?=[\s:,;\]-]|$):?/;
const BRACKETED = /^[[<(]([^\][<>()\r\n]{1,60})[\]>)]/;
const SYSLOG_SOURCE = /^([A-Za-z0-9][\w.-]{0,62}) ([\w./-]{1,64})\[(\d{1,10})\]: ?/;
// Only a tab or a wide gap marks a level column: `Error: ...` and `ERROR - ...` stay, since articles quote them so.
const LEVEL_PREFIX = /^([A-Za-z]{1,13})(?:\t| {2,})/;

/** True for bracket content that is a timestamp, a thread id or a number, not words of a message. */
function looksLikeStamp(content: string): boolean {
  const c = content.trim();
  if (/^(?:0x)?[0-9A-Fa-f]{1,16}$/.test(c) && /\d/.test(c)) return true;
  if (/^\d{1,10}(?:[:.]\d{1,10}){0,3}$/.test(c)) return true;
  if (LEADING_STAMP.test(c) && /\d/.test(c)) return true;
  return false;
}

/** For W3C/NCSA web log lines, drop client address, user and date columns and keep `GET /uri ... status`. */
function stripWebClient(s: string): string {
  const m = /^(?:[\w.-]{1,64} ){0,3}(?:\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}|-)(?: [\w.@\\-]{1,64}){0,3} (?:\[[^\]]{1,40}\] )?"?(?=(?:GET|POST|HEAD|PUT|DELETE|OPTIONS|PROPFIND|TRACE|CONNECT) )/.exec(s);
  return m ? s.slice(m[0].length) : s;
}

interface EventColumns {
  message: string;
  severity?: Severity;
  component?: string;
}

/**
 * Event Viewer exports: `Type<TAB>Date<TAB>Time<TAB>Source...<TAB>Description`, the short
 * `Information<TAB>4/21/1999<TAB>5:35:52 PM<TAB>HOST<TAB>message`, and the comma-separated
 * `Date,Time,Source,Type,Category,Event,User,Computer,Description` (the description may hold commas).
 */
function readEventColumns(s: string): EventColumns | undefined {
  const sep = s.includes('\t') ? '\t' : s.includes(',') ? ',' : '';
  if (!sep) return undefined;
  const head = s.slice(0, 400).split(sep, 10).map((f) => f.trim());
  if (head.length < 4) return undefined;
  const typeFirst = EVENT_TYPES[head[0].toLowerCase()];
  const dateFirst = isDateField(head[0]) && isTimeField(head[1]);
  if (!(typeFirst && isDateField(head[1]) && isTimeField(head[2])) && !dateFirst) return undefined;
  // Count the columns before the description: 8 in a full export, 4 in the short form (type date time host).
  const all = splitLimited(s, sep, 8);
  let message: string;
  let severity: Severity | undefined = typeFirst;
  let component: string | undefined;
  if (all.length === 9) {
    message = all[8];
    if (typeFirst) component = all[3].trim();
    else {
      component = all[2].trim();
      severity = EVENT_TYPES[all[3].trim().toLowerCase()];
    }
  } else if (typeFirst && all.length >= 5) {
    message = all.slice(4).join(sep);
  } else if (dateFirst && all.length >= 3) {
    message = all.slice(2).join(sep);
  } else return undefined;
  if (component && !/^[\w .\-/]{1,80}$/.test(component)) component = undefined;
  return { message, severity, component: component || undefined };
}

/** Splits on sep at most `limit` times; the last field keeps the rest. */
function splitLimited(s: string, sep: string, limit: number): string[] {
  const out: string[] = [];
  let pos = 0;
  while (out.length < limit) {
    const i = s.indexOf(sep, pos);
    if (i < 0) break;
    out.push(s.slice(pos, i));
    pos = i + sep.length;
  }
  out.push(s.slice(pos));
  return out;
}

function isDateField(f: string): boolean {
  return /^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$/.test(f);
}

function isTimeField(f: string): boolean {
  return /^\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,7})?(?: ?[AaPp][Mm])?$/.test(f);
}

function finish(message: string, severity: Severity | undefined, component: string | undefined): StrippedLine {
  const msg = message.trim();
  const out: StrippedLine = { message: msg };
  const sev = severity ?? severityFromWords(msg);
  if (sev) out.severity = sev;
  if (component) out.component = component;
  return out;
}

/** Severity from the message's own words, read only near its start where loggers put it. */
function severityFromWords(msg: string): Severity | undefined {
  const head = msg.slice(0, 200).toLowerCase();
  if (/\b(?:error|failed|failure|fatal|cannot|can't|unable|exception|access violation|stop 0x)/.test(head)) return 'error';
  if (/\bwarning\b/.test(head)) return 'warning';
  return undefined;
}

/**
 * Words with which a message reports a fault rather than progress: the log's own level aside, what makes a
 * line error-like. Broader than a level column: the messages articles quote say "is not installed", "not
 * enough memory", "caused a General Protection Fault", "Retype the password". A Dr. Watson `App: name (pid=N)`
 * line names the program that crashed.
 */
const FAULT_WORDS =
  /\b(?:errors?|fail(?:s|ed|ure|ing)?|cannot|can't|couldn't|could not|unable|invalid|denied|exception|fatal|violation|abort(?:s|ed)?|corrupt(?:ed|ion)?|damaged|refused|rejected|timed? ?out|illegal|unexpected(?:ly)?|fault|warning|incorrect|insufficient|not enough|out of (?:memory|disk|space|resources|environment)|missing|unavailable|unsupported|unrecognized|unknown|bad|problem|crash(?:ed|es)?|hung|hangs?|stopped responding|not responding|lost|disconnected|terminat(?:ed|ing)|overflow|exceeded|too (?:many|large|long|small)|no (?:such|more|longer|valid|free|room|response|reply|route|connection|access)|requires?|must|need to|please|try again|retry|retype|conflicts?|deadlock|full|low on|general protection|panic|critical|severe|halt(?:ed)?|trap|stack dump|access is denied)\b|\b(?:is|was|are|were|does|did|do|has|have|could|can|will|would) not\b|\b(?:isn't|wasn't|aren't|doesn't|didn't|don't|hasn't|haven't|won't|wouldn't)\b|\bnot (?:installed|valid|supported|available|loaded|ready|allowed|permitted|recognized|accessible|compatible|enabled|configured|registered|started|present|found|exist)|\bEvent ID:? {0,2}\d|^App: \S[^\n]{0,200} \(pid=\d{1,10}\)/i;

/** True when a message reports a fault (FAULT_WORDS) rather than progress. */
export function hasFaultWords(message: string): boolean {
  return FAULT_WORDS.test(message.length > 1000 ? message.slice(0, 1000) : message);
}
