/**
 * The shapes mask.ts looks for, as data: each rule is a global regex whose first matched capture group (or
 * the whole match when it has none) is the span to mask, and the kind of value it holds.
 *
 * Linear time is kept by construction: every rule starts with a look-behind that lets it begin only at the
 * start of a word (or with a literal `<`), and every repetition is bounded, so a scan costs at most a constant
 * amount of work per character however hostile the text (`npm run bench:linear` measures the ratio;
 * test/privacy/mask.test.ts masks the same hostile inputs).
 */

/** What a mask stands for, in the order overlapping candidates at one start are preferred. */
export const MASK_KINDS = ['secret', 'email', 'path', 'user', 'sid', 'host', 'ip', 'mac', 'phone'] as const;
export type MaskKind = (typeof MASK_KINDS)[number];

export interface MaskRule {
  kind: MaskKind;
  /**
   * Needs the `g` flag. With `d` too, the span is capture group 1 (or 2, 3: the first that matched); without it
   * the whole match, which is what a rule whose group only serves a back-reference (the MAC separator) wants.
   */
  re: RegExp;
  /** Refuses a match the regex cannot judge alone (prose after "Basic", well-known SIDs). */
  accept?: (value: string) => boolean;
  /**
   * Text (lower case) every match holds: a paste without it skips the rule. A scan for a literal is fast; a
   * regex that starts with a character class is tried at every position, so this saves most of the time
   * on long pastes.
   */
  trigger?: string | RegExp;
}

/** Names under which a secret is written (`password=`, `"apiKey": "..."`, `<pwd>...</pwd>`). */
const SECRET_NAMES =
  'password|passwd|passphrase|pass|pwd|pw|secret|client[_-]?secret|app[_-]?secret|secret[_-]?key|secretkey|' +
  'api[_-]?key|apikey|api[_-]?token|access[_-]?key(?:[_-]?id)?|aws[_-]?secret[_-]?access[_-]?key|aws[_-]?session[_-]?token|' +
  'x-api-key|x-functions-key|subscription[_-]?key|ocp-apim-subscription-key|token|access[_-]?token|refresh[_-]?token|id[_-]?token|' +
  'auth[_-]?token|session[_-]?token|bearer[_-]?token|private[_-]?key|credentials?|account[_-]?key|accountkey|shared[_-]?access[_-]?key|' +
  'sharedaccesskey|sas[_-]?token|sig|signature|encryption[_-]?key|shared[_-]?secret|psk|pre[_-]?shared[_-]?key|pin|' +
  'community|snmp[_-]?community|auth[_-]?key|master[_-]?key|db[_-]?password|mysql[_-]?pwd|pgpassword|sa[_-]?password|' +
  'proxy[_-]?password|smtp[_-]?password|ldap[_-]?password|bind[_-]?password|bindpw|recovery[_-]?key|license[_-]?key|product[_-]?key';

/** A value after a separator: quoted (spaces and all) or up to a space, quote or list separator. */
const VALUE = `(?:"([^"\\r\\n]{1,256})"|'([^'\\r\\n]{1,256})'|([^\\s;,&"'<>=:][^\\s;,&"'<>]{0,255}))`;

/** A value after "Basic", "NTLM"... is a token when it holds a digit, `+`, `/` or `=` and is not a bare number; prose holds none. */
const looksLikeToken = (v: string) => /[0-9+/=]/.test(v) && !/^\d+$/.test(v);

/** Labels before a host name: connection strings, SMS, event-log and Dr. Watson headers. */
const HOST_LABELS =
  'data source|server|addr|network address|host ?name|host|sys|workstation(?: name)?|source workstation|client name|' +
  'computer(?: ?name)?|machine(?: ?name)?|netbios name|account domain|domain name|supplied realm name|target server name|' +
  'sql server|site server|node|smtp server|mail server|exchange server|dns name|fqdn';

// prettier-ignore
export const RULES: readonly MaskRule[] = [
  // ---- secrets: labelled values ----
  { kind: 'secret', re: new RegExp(`(?<![\\w-])(?:${SECRET_NAMES})["']?[ \\t]{0,3}(?:=>|:=|[:=])[ \\t]{0,3}${VALUE}`, 'gid') },
  { kind: 'secret', re: new RegExp(`<(?:${SECRET_NAMES})>([^<\\r\\n]{1,256})</`, 'gid') },
  // Command-line switches: `-p secret`, `--password=secret`, `/p:secret`, `/rp secret` (schtasks).
  { kind: 'secret', re: /(?<![^\s"'])(?:--?(?:password|passwd|pass|pwd|secret|token|api-?key|client-secret)|-pw|-p|\/p|\/pass(?:word)?|\/pwd|\/rp)(?:[ \t]{1,3}|[=:])(?![/-])("[^"\r\n]{1,256}"|'[^'\r\n]{1,256}'|[^\s"']{1,256})/gid },
  // Authorization schemes followed by a token (not prose: "Basic authentication" holds no digit or '=').
  { kind: 'secret', re: /(?<![\w-])(?:Bearer|Basic|Digest|Negotiate|NTLM|Token|SharedAccessSignature)[ \t]{1,4}([A-Za-z0-9._~+/=%&-]{8,4096})/gid, accept: looksLikeToken },
  { kind: 'secret', re: /(?<![\w-])(?:Set-)?Cookie:[ \t]*([^\r\n]{1,8192})/gid },
  { kind: 'secret', re: /(?<![\w.-])(?:\.ASPXAUTH|\.ASPXANONYMOUS|\.ASPXROLES|ASP\.NET_SessionId|ASPSESSIONID[A-Z]{8}|JSESSIONID|PHPSESSID|\.AspNetCore\.[\w.]{1,40}|FedAuth\d?|rtFa|MSISAuth\w{0,10}|SMSESSION|session_?id|sessid|remember_token|csrftoken|XSRF-TOKEN|__RequestVerificationToken)=([^;\s&]{1,4096})/gid },
  // ---- secrets: shapes that are secrets wherever they stand ----
  { kind: 'secret', re: /(?<![\w-])eyJ[A-Za-z0-9_-]{4,8192}\.[A-Za-z0-9_-]{4,8192}\.[A-Za-z0-9_-]{0,8192}/g },
  {
    kind: 'secret',
    re: /(?<![A-Za-z0-9_])(?:(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ABIA|ACCA)[A-Z0-9]{16}|AIza[0-9A-Za-z_-]{35}|gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_\w{22,255}|glpat-[\w-]{20,255}|(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{10,255}|xox[abposr]-[A-Za-z0-9-]{10,255}|xapp-\d-[A-Za-z0-9-]{10,255}|sk-(?:proj-|ant-(?:api\d\d-)?)?[A-Za-z0-9_-]{20,255}|npm_[A-Za-z0-9]{36}|SG\.[\w-]{16,64}\.[\w-]{16,64}|hf_[A-Za-z0-9]{30,255}|ya29\.[\w-]{20,2048}|SK[0-9a-fA-F]{32}|dop_v1_[a-f0-9]{64}|shp(?:at|ss|ca)_[a-fA-F0-9]{32}|pypi-[\w-]{50,255}|AccountKey=[A-Za-z0-9+/=]{20,128})/g,
  },
  // ---- URLs carrying credentials: scheme://user:password@host ----
  { kind: 'user', re: /(?<![\w+.-])[a-z][a-z0-9+.-]{1,20}:\/\/([^\s:/@"'<>]{1,128})(?::[^\s/@"'<>]{0,256})?@/gid, trigger: '://' },
  { kind: 'secret', re: /(?<![\w+.-])[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/@"'<>]{0,128}:([^\s/@"'<>]{1,256})@/gid, trigger: '://' },
  { kind: 'host', re: /(?<![\w+.-])[a-z][a-z0-9+.-]{1,20}:\/\/[^\s/@"'<>]{1,385}@([A-Za-z0-9][A-Za-z0-9.-]{0,253})/gid, trigger: '://' },
  { kind: 'path', re: /(?<![\w])file:\/\/[^\s"'<>]{1,2048}/gi },
  // ---- users ----
  { kind: 'user', re: /(?<![\w])(?:user ?id|uid|user ?name|username|login|logon|upn|samaccountname|run ?as|owner)[ \t]{0,3}=[ \t]{0,3}([^;,"'\s][^;,"'\r\n]{0,127})/gid },
  { kind: 'user', re: /(?<![\w])(?:user|account|login|logon)[ \t]{1,3}['"]([^'"\r\n]{1,128})['"]/gid },
  { kind: 'user', re: /(?<![\w])(?:user ?id|user_id|uid|user ?name|username|user|login|account|upn|samaccountname)["']?[ \t]{0,3}:[ \t]{0,3}["']([^"'\r\n]{1,128})["']/gid },
  { kind: 'user', re: /(?<![\w])\/(?:user|u):([^\s"]{1,128})/gid },
  // `jsmith@CONTOSO` (a domain with no dot, so not an e-mail address).
  { kind: 'user', re: /(?<![\w.%+-])[\w.%+-]{1,64}@[A-Za-z][A-Za-z0-9-]{1,62}(?![\w.@-])/g, trigger: '@' },
  // `.\localadmin`: the local machine's account (a name without a dot, so not `.\setup.exe`).
  { kind: 'user', re: /(?<![\w\\.])\.\\([A-Za-z][\w$-]{0,19})(?![\\\w.$-])/gid, trigger: '.\\' },
  // JSON-escaped `CONTOSO\\user1`.
  { kind: 'user', re: /(?<![\w\\.$:-])[A-Za-z][\w.-]{0,14}\\\\[A-Za-z][\w.$-]{0,19}(?![\w$\\-]|\.\w)/g, trigger: '\\\\' },
  // LDAP paths, distinguished names and Exchange's X.500 and X.400 addresses name people and sites.
  { kind: 'user', re: /(?<![\w])(?:LDAPS?|GC):\/\/[^\s"'<>]{1,1024}/gi },
  { kind: 'user', re: /(?<![\w])(?:CN|OU|DC|UID)=([^,;+\r\n"'=<>]{1,128})/gid },
  // A segment may hold spaces ("First Administrative Group") when another segment follows it; the last may not.
  { kind: 'user', re: /(?<![\w])(?:EX:)?\/o=(?:[^\r\n"'<>/]{1,64}\/(?:o|ou|cn)=){0,16}[^\s"'<>/]{1,64}/gi },
  { kind: 'user', re: /(?<![\w])X400:(?:[^;\r\n"<>]{0,64};){1,16}/gi },
  // ---- SIDs of domains and Azure AD (S-1-5-21-...); well-known SIDs such as S-1-5-18 name nobody ----
  { kind: 'sid', re: /(?<![\w-])S-1-(?:5-21|12-1|5-80|5-82)(?:-\d{1,10}){2,6}(?![\w-])/gi },
  // ---- hosts after a label ----
  { kind: 'host', re: new RegExp(`(?<![\\w])(?:${HOST_LABELS})[ \\t]{0,3}[:=][ \\t]{0,3}([A-Za-z0-9\\\\][^;,"'\\s<>]{0,127})`, 'gid') },
  // ---- MAC addresses (one separator throughout) and Cisco's dotted form ----
  { kind: 'mac', re: /(?<![\w:-])[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}(?![\w:-])/g },
  { kind: 'mac', re: /(?<![\w.])[0-9a-fA-F]{4}\.[0-9a-fA-F]{4}\.[0-9a-fA-F]{4}(?![\w.])/g, trigger: /[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}/ },
  // ---- phone numbers: international, (425) 555-0100, 425-555-0100, or after a label ----
  { kind: 'phone', re: /(?<![\w+])\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]\d{2,5}){1,4}(?![\w])/g, accept: (v) => v.replace(/\D/g, '').length >= 8 },
  { kind: 'phone', re: /(?<![\w(])\(\d{3}\)[ ]?\d{3}[ .-]\d{4}(?![\w])/g },
  { kind: 'phone', re: /(?<![\w.:-])\d{3}([.-])\d{3}\1\d{4}(?![\w.:-])/g },
  { kind: 'phone', re: /(?<![\w])(?:phone|tel|telephone|mobile|cell|fax)(?:[ \t]{0,3}(?:no\.?|number|#))?[ \t]{0,3}[:=][ \t]{0,3}(\+?[\d(][\d ().-]{5,24}\d)/gid },
];

/** Words after "user" that are prose, not a name ("the user could not", "user account"). */
// prettier-ignore
export const NOT_NAMES: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'is', 'was', 'has', 'had', 'have', 'can', 'could', 'cannot', 'does', 'did', 'do', 'not', 'and', 'or',
  'of', 'to', 'in', 'on', 'for', 'with', 'that', 'this', 'who', 'which', 'may', 'must', 'will', 'would', 'should', 'account',
  'accounts', 'name', 'names', 'rights', 'right', 'logged', 'logs', 'mode', 'interface', 'profile', 'profiles', 'manager',
  'information', 'group', 'groups', 'level', 'context', 'data', 'list', 'id', 'n/a', 'na', 'none', 'unknown', 'from', 'by',
  'at', 'as', 'are', 'be', 'been', 'it', 'its', 'their', 'his', 'her', 'object', 'objects', 'settings', 'session', 'failed',
  'type', 'failure', 'success', 'attempt', 'attempts', 'domain', 'sid', 'logon', 'login', 'password', 'passwords', 'is', 'credentials', 'principal', 'specified',
]);
