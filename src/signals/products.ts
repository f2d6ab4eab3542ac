/**
 * The product and component vocabulary that hints, search filters and the troubleshooter share.
 * Product keys follow the archive's `[category]` folder names where a folder exists (`sms`, `winnt`,
 * `exchange`, `word97`...); products without a folder get a short key of their own (`sqlserver`, `outlook`).
 *
 * Patterns are regular-expression sources matched at a word boundary. `patterns` match in any case;
 * `exactCase` patterns only as written, for names that are also ordinary words or short capitals
 * (`Exchange`, `Outlook`, `SMS`, `NT`). Each pattern is a plain sequence or a small alternation: no nested
 * quantifiers, so the combined expression runs in linear time on pasted text.
 */

export interface ProductTerm {
  /** Canonical product key ('sms'). */
  readonly key: string;
  /** Name shown to people ('Systems Management Server'). */
  readonly label: string;
  /** Case-insensitive pattern sources. */
  readonly patterns: readonly string[];
  /** Case-sensitive pattern sources. */
  readonly exactCase?: readonly string[];
  /** Version spellings that mean another number (`2000` -> `5.0` for Windows 2000). */
  readonly versionAliases?: Readonly<Record<string, string>>;
  /**
   * How people type the name into a search box (`wfw`, `exch`, `xl97`), case-insensitive. Read from queries
   * only (readQueryProducts), together with `patterns` and `exactCase` in any case: a query is typed, not
   * quoted, and too short for these to mean anything else; in an article or a paste they would.
   */
  readonly typed?: readonly string[];
}

export const PRODUCTS = [
  {
    key: 'sms',
    label: 'Systems Management Server',
    patterns: ['systems\\s+management\\s+server'],
    exactCase: ['SMS'],
    typed: ['sms\\s?[12]'],
  },
  {
    key: 'winnt',
    label: 'Windows NT',
    patterns: ['windows\\s+nt', 'winnt', 'nt4', 'nt\\s?3\\.51', 'windows\\s+nt\\s+terminal\\s+server'],
    // A bare "NT" only counts beside a version or an edition.
    exactCase: ['NT(?=\\s*\\d|\\s+(?:Server|Workstation))', 'Terminal\\s+Server\\s+Edition', 'MSCS'],
    typed: ['nt', 'nt\\s?3\\.?51', 'nt\\s?3\\.5', 'nt\\s?4(?:\\.0)?'],
    versionAliases: { '351': '3.51' },
  },
  {
    key: 'win2000',
    label: 'Windows 2000',
    patterns: ['windows\\s+2000', 'win2000', 'win2k'],
    versionAliases: { '2000': '5.0', '2k': '5.0' },
    typed: ['w2k', 'w2000', 'win\\s2000', 'win\\s2k'],
  },
  { key: 'winxp', label: 'Windows XP', patterns: ['windows\\s+xp'], versionAliases: {} },
  {
    key: 'win95x',
    label: 'Windows 95/98',
    patterns: ['windows\\s+9[58]', 'win9[58]', 'windows\\s+millennium'],
    exactCase: ['Windows\\s+Me'],
    typed: ['win\\s?9[58]', 'w9[58]', 'win\\s?me'],
  },
  {
    key: 'win3x',
    label: 'Windows 3.x',
    patterns: ['windows\\s+for\\s+workgroups', 'windows\\s+3\\.[01x]1?'],
    exactCase: ['WfW', 'WFW', 'WFWG'],
    typed: ['wfwg?', 'win\\s?3\\.?1?1?', 'win\\s?3\\.0'],
    versionAliases: { '31': '3.1', '311': '3.11' },
  },
  { key: 'msdos', label: 'MS-DOS', patterns: ['ms-dos', 'msdos'], exactCase: ['DOS(?=\\s+\\d)'] },
  { key: 'lanman', label: 'LAN Manager', patterns: ['lan\\s+manager', 'lanman'], typed: ['lan\\s?man'] },
  {
    key: 'exchange',
    label: 'Exchange Server',
    patterns: ['(?:microsoft|ms)\\s+exchange'],
    // "Dynamic Data Exchange" and "key exchange" are not the product.
    exactCase: ['(?<![Dd]ata\\s|[Kk]ey\\s)Exchange', 'XADM'],
    typed: ['exch', 'owa', 'outlook\\s+web\\s+access'],
  },
  {
    key: 'iis',
    label: 'Internet Information Server',
    patterns: ['internet\\s+information\\s+serv(?:er|ices)', 'index\\s+server'],
    exactCase: ['IIS'],
    typed: ['iis\\s?[1-6]'],
  },
  { key: 'sna', label: 'SNA Server', patterns: ['sna\\s+server', 'host\\s+integration\\s+server'], typed: ['sna'] },
  { key: 'sqlserver', label: 'SQL Server', patterns: ['sql\\s+server'], typed: ['mssql', 'sql\\s?(?:6\\.5|65|7|2000)'] },
  { key: 'proxy', label: 'Proxy Server', patterns: ['microsoft\\s+proxy\\s+server'], exactCase: ['Proxy\\s+Server'] },
  { key: 'outlook', label: 'Outlook', patterns: ['microsoft\\s+outlook(?!\\s+express)'], exactCase: ['Outlook(?!\\s+Express)'] },
  {
    key: 'ie',
    label: 'Internet Explorer',
    patterns: ['internet\\s+explorer', 'outlook\\s+express'],
    exactCase: ['IE(?=\\s*\\d)'],
  },
  {
    key: 'word97',
    label: 'Word',
    // The archive files every Word article under word97. A bare "Word" only counts with a version.
    patterns: ['(?:microsoft|ms)\\s+word', 'winword', 'word\\s+for\\s+(?:windows|the\\s+macintosh|ms-dos)'],
    exactCase: ['Word(?=\\s+(?:97|95|2000|2002|6\\.0|7\\.0|\\d\\.\\d))'],
    typed: ['wd\\s?(?:95|97|2000|6|7)', 'word\\s?(?:95|97|2000|6|7)'],
  },
  { key: 'excel', label: 'Excel', patterns: ['(?:microsoft|ms)\\s+excel'], exactCase: ['Excel'], typed: ['xl\\s?(?:95|97|2000|5|7)'] },
  {
    key: 'access',
    label: 'Access',
    patterns: ['(?:microsoft|ms)\\s+access', '(?<!remote\\s)access\\s+for\\s+windows'],
    exactCase: ['Access(?=\\s+(?:97|95|2000|2002|[127]\\.\\d))'],
    typed: ['acc\\s?(?:95|97|2000)', 'access\\s?(?:95|97|2000|2|7)'],
  },
  { key: 'powerpt', label: 'PowerPoint', patterns: ['powerpoint'], typed: ['ppt\\s?[47]?', 'power\\s+point'] },
  { key: 'foxpro', label: 'FoxPro', patterns: ['visual\\s+foxpro', 'foxpro'], exactCase: ['VFP'], typed: ['vfp\\s?[356]', 'fox'] },
  { key: 'odbc', label: 'ODBC', patterns: ['odbc', 'open\\s+database\\s+connectivity'] },
  { key: 'visualc', label: 'Visual C++', patterns: ['visual\\s+c\\+\\+', 'vc\\+\\+', 'msvc'], typed: ['vc\\s?[1-6]', 'mfc'] },
  { key: 'vbwin', label: 'Visual Basic', patterns: ['visual\\s+basic'], exactCase: ['VB(?=\\s*\\d)'], typed: ['vb', 'vb\\s?[3-6]'] },
  { key: 'frontpg', label: 'FrontPage', patterns: ['front\\s?page'], typed: ['fp\\s?(?:97|98|2000)'] },
  { key: 'ssafe', label: 'Visual SourceSafe', patterns: ['(?:visual\\s+)?sourcesafe'], typed: ['vss', 'source\\s+safe'] },
  { key: 'masm', label: 'Macro Assembler', patterns: ['macro\\s+assembler'], exactCase: ['MASM'] },
  { key: 'fortran', label: 'FORTRAN', patterns: ['fortran\\s+powerstation'], exactCase: ['FORTRAN', 'Fortran'] },
  { key: 'schedplus', label: 'Schedule+', patterns: ['schedule\\+'], typed: ['schedule\\s+plus', 'sched\\+'] },
  { key: 'pcmail', label: 'Microsoft Mail', patterns: ['(?:microsoft|ms)\\s+mail(?!\\s+for\\s+appletalk)'] },
  { key: 'macmail', label: 'Microsoft Mail for AppleTalk Networks', patterns: ['mail\\s+for\\s+appletalk'] },
  { key: 'msnetwork', label: 'The Microsoft Network', patterns: ['the\\s+microsoft\\s+network'], exactCase: ['MSN'] },
  { key: 'siteserver', label: 'Site Server', patterns: ['site\\s+server'] },
  { key: 'mts', label: 'Transaction Server', patterns: ['transaction\\s+server'] },
  { key: 'msmq', label: 'Message Queue Server', patterns: ['message\\s+queu(?:e|ing)\\s+server', 'msmq'] },
  { key: 'sbs', label: 'Small Business Server', patterns: ['small\\s+business\\s+server'] },
] as const satisfies readonly ProductTerm[];

export type ProductKey = (typeof PRODUCTS)[number]['key'];
export const PRODUCT_KEYS: readonly ProductKey[] = PRODUCTS.map((p) => p.key);
export const isProductKey = (s: unknown): s is ProductKey => typeof s === 'string' && (PRODUCT_KEYS as readonly string[]).includes(s);

export interface ComponentTerm {
  /** Lower-case component or log name ('distmgr'). */
  readonly name: string;
  /** Product the component belongs to. */
  readonly product: ProductKey;
  /** Case-insensitive pattern sources (service names, log files, internal thread names). */
  readonly patterns: readonly string[];
  /** Case-sensitive pattern sources. */
  readonly exactCase?: readonly string[];
}

export const COMPONENTS = [
  // SMS: log names, SMS_* thread names and executables.
  { name: 'despooler', product: 'sms', patterns: ['despooler', 'despool\\.log', 'sms_despooler'] },
  { name: 'distmgr', product: 'sms', patterns: ['distmgr', 'sms_distribution_manager'] },
  { name: 'lansend', product: 'sms', patterns: ['lansend', 'sms_lan_sender'] },
  { name: 'sender', product: 'sms', patterns: ['sender\\.log', 'sms_sender'] },
  { name: 'smsexec', product: 'sms', patterns: ['smsexec', 'sms_executive'] },
  { name: 'inboxmgr', product: 'sms', patterns: ['inboxmgr', 'sms_inbox_manager'] },
  { name: 'hman', product: 'sms', patterns: ['hman\\.log', 'sms_hierarchy_manager'] },
  { name: 'sitecomp', product: 'sms', patterns: ['sitecomp\\.log', 'sms_site_component_manager'] },
  { name: 'ddm', product: 'sms', patterns: ['ddm\\.log', 'sms_discovery_data_manager'] },
  { name: 'colleval', product: 'sms', patterns: ['colleval', 'sms_collection_evaluator'] },
  { name: 'replmgr', product: 'sms', patterns: ['replmgr', 'sms_replication_manager'] },
  { name: 'offermgr', product: 'sms', patterns: ['offermgr', 'sms_offer_manager'] },
  { name: 'dataldr', product: 'sms', patterns: ['dataldr', 'sms_inventory_data_loader'] },
  { name: 'scheduler', product: 'sms', patterns: ['sched\\.log', 'sms_scheduler'] },
  { name: 'sitecfg', product: 'sms', patterns: ['sitecfg', 'sms_site_config(?:uration)?_manager'] },
  { name: 'pcm', product: 'sms', patterns: ['pcmwin32', 'pcmdos', 'package\\s+command\\s+manager'] },
  // Exchange services and their processes.
  { name: 'msexchangeis', product: 'exchange', patterns: ['msexchangeis'], exactCase: ['Information\\s+Store'] },
  { name: 'msexchangemta', product: 'exchange', patterns: ['msexchangemta', 'emsmta', 'message\\s+transfer\\s+agent'] },
  { name: 'msexchangeds', product: 'exchange', patterns: ['msexchangeds', 'dsamain'] },
  { name: 'msexchangesa', product: 'exchange', patterns: ['msexchangesa'] },
  { name: 'msexchangeimc', product: 'exchange', patterns: ['msexchangeimc', 'internet\\s+mail\\s+(?:connector|service)'] },
  { name: 'msexchangedx', product: 'exchange', patterns: ['msexchangedx'] },
  // IIS services.
  { name: 'w3svc', product: 'iis', patterns: ['w3svc'] },
  { name: 'msftpsvc', product: 'iis', patterns: ['msftpsvc'] },
  { name: 'inetinfo', product: 'iis', patterns: ['inetinfo'] },
  // SNA Server services.
  { name: 'snabase', product: 'sna', patterns: ['snabase'] },
  { name: 'snaservr', product: 'sna', patterns: ['snaservr'] },
  // Windows NT services and tools.
  { name: 'spooler', product: 'winnt', patterns: ['spoolss'], exactCase: ['Spooler'] },
  { name: 'drwtsn32', product: 'winnt', patterns: ['drwtsn32'] },
  { name: 'netlogon', product: 'winnt', patterns: ['netlogon'] },
  { name: 'lsass', product: 'winnt', patterns: ['lsass'] },
] as const satisfies readonly ComponentTerm[];

/**
 * Windows build numbers that name one release (public facts: 528 = NT 3.1, 807 = NT 3.5, 1057 = NT 3.51,
 * 1381 = NT 4.0, 2195 = Windows 2000, 2600 = Windows XP).
 */
export const WINDOWS_BUILDS: Readonly<Record<string, readonly [ProductKey, string]>> = {
  '528': ['winnt', '3.1'],
  '807': ['winnt', '3.5'],
  '1057': ['winnt', '3.51'],
  '1381': ['winnt', '4.0'],
  '2195': ['win2000', '5.0'],
  '2600': ['winxp', '5.1'],
};

/**
 * Archive categories (`[homegame]`) that name no product the hints look for in text: their names only, so
 * pages and filters can show and read them. Keys are the archive's folder names.
 */
export const ARCHIVE_CATEGORIES: Readonly<Record<string, string>> = {
  homegame: 'Home games',
  homemm: 'Home multimedia titles',
  homekids: "Children's titles",
  homemisc: 'Home products, other',
  win16sdk: 'Windows SDK (16-bit)',
  win16ddk: 'Windows DDK (16-bit)',
  miscsdk: 'SDKs, other',
  msdn: 'MSDN',
  mspress: 'Microsoft Press',
  msj: 'Microsoft Systems Journal',
  crossnet: 'Cross-network products',
  utilities: 'Utilities',
  automap: 'AutoMap',
  accother: 'Access, other',
  foxmisc: 'FoxPro, other',
  winmisc: 'Windows, other',
  winprint: 'Windows printing',
  mastering: 'Mastering series',
  techinfo: 'Technical information',
  macsys: 'Macintosh system',
  dosword: 'Word for MS-DOS',
};

const LABELS: ReadonlyMap<string, string> = new Map([...PRODUCTS.map((p): [string, string] => [p.key, p.label]), ...Object.entries(ARCHIVE_CATEGORIES)]);

/** Every product and archive category key with its name, products first. */
export const PRODUCT_NAMES: readonly { key: string; label: string }[] = [...LABELS].map(([key, label]) => ({ key, label }));

/** The name people read for a product key ('sms' -> 'Systems Management Server'); unknown keys come back as given. */
export function productLabel(key: string): string {
  return LABELS.get(key) ?? key;
}

/** Whether `key` is a product or archive category this vocabulary names. */
export function isKnownProductKey(key: string): boolean {
  return LABELS.has(key);
}
