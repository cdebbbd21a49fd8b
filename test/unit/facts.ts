/**
 * The canonical facts of the curriculum: one home for every figure, article number and time limit
 * that modules state in more than one place. `facts-consistency.test.ts` finds each statement of
 * these facts in every lesson, quiz, case and glossary file, in every language present, and
 * checks it against the value here. Values follow /work/shared/content-brief.md and, where the
 * brief errs, Directive 2014/24/EU itself (see `art26-4-subpoints`).
 *
 * How a fact is found. A *family* is one kind of value (article numbers of procedures, euro
 * thresholds, days, ...). Its `value` pattern finds values; each fact of the family has a
 * `subject` pattern (a procedure, a contract category, ...). In every sentence the checker pairs
 * each value with the neighbouring subject of the same family (nothing of the family between
 * them, no ";" between them, at most `maxGap` characters apart; a value in brackets belongs to the
 * subject before it, a subject in brackets to the value before it). When a value has no subject
 * beside it, the passage's topic may stand in: the row and column heads of a table cell, the term
 * of a glossary definition, the prompt of a matching pair, numeric answer or sequencing item, the
 * bold lead of a list item, the heading and lead-in of a list (`topics`). A fact without a
 * subject is a reference checked wherever the family's value occurs (`relevant`).
 *
 * Languages. Numbers, article references and document identifiers are language-neutral (`*`);
 * subjects and units have an English pattern and, where it is cheap to write, French, Spanish and
 * German ones. A fact whose patterns have no entry for a file's language is simply not checked
 * there (the English statement is).
 */

/** Patterns by language code ("en", "fr", ...); "*" applies to every language. */
export type Patterns = Partial<Record<string, RegExp>>;

/** Where a passage's topic comes from, when a value has no subject of its own beside it. */
export type TopicKind = 'table' | 'glossary' | 'pair' | 'answer' | 'item' | 'heading';

/** One value found in the text: the words as written and the normalised items it states. */
export interface Value {
  text: string;
  items: string[];
}

export interface Context {
  /** The sentence the value stands in (normalised: no Markdown, single spaces). */
  sentence: string;
  /** Extra words that qualify the passage: table column and row heads, a question's prompt. */
  context: string;
  language: string;
}

export interface Fact {
  id: string;
  /** The canonical fact, in words. */
  statement: string;
  /** The value a statement must give, as shown in failure messages. */
  expected: string;
  /** Words that name what the value belongs to; without it the fact is a reference (see `relevant`). */
  subject?: Patterns;
  /** For a fact without subject: whether a value of the family is a statement of this fact. */
  relevant?: (value: Value) => boolean;
  accept: (value: Value, context: Context) => boolean;
  /** English files that must state the fact at least once (so the patterns cannot match nothing). */
  expectIn: string[];
  /** A wrong statement the checker must report, and the same statement made right. */
  selfTest: { wrong: string; right: string; language?: string };
}

export interface Family {
  id: string;
  title: string;
  value: Patterns;
  /** Turns a match of `value` into a value; undefined drops the match. */
  parse: (match: RegExpMatchArray) => Value | undefined;
  /** Whether a value is a statement at all (e.g. amounts only in threshold sentences). */
  consider?: (value: Value, context: Context) => boolean;
  /**
   * Values of the family proper (e.g. the articles of the procedures). Other values (another
   * article number) are tied only when written in brackets straight after a subject:
   * "the open procedure (Art. 26)" is a statement about the open procedure, and a wrong one.
   */
  core?: (value: Value) => boolean;
  /** A value written right after a subject with no marker, e.g. "Open 27, restricted 28". */
  bare?: RegExp;
  maxGap: number;
  topics: TopicKind[];
  facts: Fact[];
}

// ---------------------------------------------------------------------------------------------
// Helpers

const ARTICLE = String.raw`(?:\bArts?\.?|\bArticles?\b|\bArtículos?\b|\bArtikel\b|\bart\.)`;
/** A reference to one or more articles: "Art. 31(1)", "Arts 30 and 31", "art. 41, 84". */
const articleRef = new RegExp(
  ARTICLE +
    String.raw`\s*\d+(?:\(\d+\))*(?:\([a-z]+\))*` +
    String.raw`(?:\s*(?:,|and|et|y|und|or|ou|o|to|-|–)\s*(?:${ARTICLE}\s*)?\d+(?:\(\d+\))*(?:\([a-z]+\))*(?![\d.,]*\s*(?:days?|jours|días|Tage|candidates|firms|months|%|€)))*`,
  'gi',
);

/** The top-level article numbers of a reference ("Art. 26(4)(a)" → ["26"]; "Arts 57 to 64" → 57…64). */
function articleNumbers(text: string): string[] {
  const plain = text.replace(/\([^()]*\)/g, '');
  const numbers: string[] = [];
  for (const m of plain.matchAll(/(\d+)(?:\s*(?:to|à|a|bis|-|–)\s*(\d+))?/g)) {
    const from = Number(m[1]);
    const to = m[2] ? Number(m[2]) : from;
    for (let n = from; n <= Math.min(to, from + 50); n++) numbers.push(String(n));
  }
  return numbers;
}

/** Article references; numbers in `ignore` (related articles cited beside the subject, e.g. Art. 26 and 65 beside a procedure) are dropped. */
function articles(ignore: number[] = []): Family['parse'] {
  return (match) => {
    const items = articleNumbers(match[0]).filter((n) => !ignore.includes(Number(n)));
    return items.length ? { text: match[0], items } : undefined;
  };
}
const among = (numbers: number[]) => (value: Value) => value.items.some((item) => numbers.includes(Number(item)));

const includes = (expected: string) => (value: Value) => value.items.includes(expected);
const equalsAll = (expected: string) => (value: Value) => value.items.every((item) => item === expected);

const MINIMUM_WORDS = /\b(?:at least|minimum|min\.|not less than|no fewer than|normally)\b|au moins|minimum|al menos|mínimo|mindestens/i;
/**
 * A minimum: a value stated as the minimum ("at least 30 days", a "Minimum time limits" column, a
 * quiz asking for the minimum) must equal it; a value in a scenario ("it gave 35 days") may exceed it.
 */
const minimum = (expected: number) => (value: Value, context: Context) => {
  const stated = MINIMUM_WORDS.test(context.sentence) || MINIMUM_WORDS.test(context.context);
  return value.items.every((item) => (stated ? Number(item) === expected : Number(item) >= expected));
};

const HISTORICAL = /2024\s*[–-]\s*(?:20)?25|2023\/2495|\b(?:old|older|previous|earlier|were|was|until 2025)\b|anciens?|précédent|anterior|antiguo|bisherig/i;
/** A threshold: the 2026–2027 value, or the 2024–2025 one where the text says it is the old one. */
const threshold = (current: number, previous: number) => (value: Value, context: Context) =>
  value.items.every(
    (item) =>
      Number(item) === current ||
      (Number(item) === previous && (HISTORICAL.test(context.sentence) || HISTORICAL.test(context.context))),
  );

function amount(digits: string, unit: string | undefined): number {
  const grouped = /^\d{1,3}(?:[,.\u00a0\u202f '’]\d{3})+$/.test(digits);
  const base = grouped ? Number(digits.replace(/[^\d]/g, '')) : Number(digits.replace(',', '.'));
  if (!unit) return base;
  if (/^(?:k)$/i.test(unit)) return base * 1_000;
  if (/^(?:bn|billions?|milliards?|mil millones|Mrd\.?)$/i.test(unit)) return base * 1_000_000_000;
  return base * 1_000_000;
}

const NUMBER = String.raw`(\d{1,3}(?:[,.\u00a0\u202f '’]\d{3})+|\d+(?:[.,]\d+)?)`;
const SCALE = String.raw`(?:\s?(k|million|millions|m|bn|billion|billions|milliards?|mil millones|millones|Mio\.?|Mrd\.?))?\b`;
const euros = new RegExp(String.raw`(?:€|\bEUR)\s?${NUMBER}${SCALE}|${NUMBER}${SCALE}\s?(?:€|\bEUR\b|\beuros?\b)`, 'gi');
const parseEuros: Family['parse'] = (match) => {
  const digits = match[1] ?? match[3];
  const unit = match[1] !== undefined ? match[2] : match[4];
  return digits === undefined ? undefined : { text: match[0], items: [String(amount(digits, unit))] };
};

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, janvier: 1, enero: 1, januar: 1,
  february: 2, feb: 2, février: 2, fevrier: 2, febrero: 2, februar: 2,
  march: 3, mar: 3, mars: 3, marzo: 3, märz: 3,
  april: 4, apr: 4, avril: 4, abril: 4,
  may: 5, mai: 5, mayo: 5,
  june: 6, jun: 6, juin: 6, junio: 6, juni: 6,
  july: 7, jul: 7, juillet: 7, julio: 7, juli: 7,
  august: 8, aug: 8, août: 8, agosto: 8,
  september: 9, sept: 9, sep: 9, septembre: 9, septiembre: 9, setiembre: 9,
  october: 10, oct: 10, octobre: 10, octubre: 10, oktober: 10,
  november: 11, nov: 11, novembre: 11, noviembre: 11,
  december: 12, dec: 12, décembre: 12, diciembre: 12, dezember: 12,
};
const MONTH_NAMES = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');
const dates = new RegExp(
  String.raw`\b(\d{1,2})(?:er|st|nd|rd|th)?\.?\s+(?:de\s+)?(${MONTH_NAMES})\.?\s+(?:de\s+)?(\d{4})\b|\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b`,
  'giu',
);
const iso = (y: string | number, m: string | number, d: string | number) =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const parseDate: Family['parse'] = (match) => {
  if (match[1] !== undefined) return { text: match[0], items: [iso(match[3]!, MONTHS[match[2]!.toLowerCase()]!, match[1])] };
  return { text: match[0], items: [iso(match[6]!, match[5]!, match[4]!)] };
};

const WORD_NUMBERS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, deux: 2, trois: 3, cinq: 5, dos: 2, tres: 3, cinco: 5, drei: 3, fünf: 5 };
const toNumber = (word: string) => WORD_NUMBERS[word.toLowerCase()] ?? Number(word);

// ---------------------------------------------------------------------------------------------
// Subjects shared by several families

const OPEN: Patterns = {
  en: /\b[Oo]pen procedures?\b|^Open$|\b[Oo]pen(?= \(Art| \d{2}\b| and restricted| or restricted|,? restricted)/,
  fr: /proc[ée]dures? ouvertes?/i,
  es: /procedimientos? abiertos?/i,
  de: /(?<!nicht )\boffenen? Verfahren/i,
};
const RESTRICTED: Patterns = {
  en: /\brestricted(?: procedures?)?\b/i,
  fr: /proc[ée]dures? restreintes?/i,
  es: /procedimientos? restringidos?/i,
  de: /nicht offenen? Verfahren/i,
};
const CPN: Patterns = {
  en: /\bCPN\b|\b[Cc]ompetitive procedures? with negotiation\b/,
  fr: /proc[ée]dures? concurrentielles? avec n[ée]gociation|\bPCN\b/i,
  es: /(?:procedimientos? de )?licitaci[óo]n con negociaci[óo]n/i,
  de: /Verhandlungsverfahren mit (?:vorherigem )?Teilnahmewettbewerb/i,
};
const CD: Patterns = {
  en: /\bCD\b|\b[Cc]ompetitive dialogues?\b/,
  fr: /dialogues? comp[ée]titifs?/i,
  es: /di[áa]logos? competitivos?/i,
  de: /wettbewerblichen? Dialogs?/i,
};
const IP: Patterns = {
  en: /\b[Ii]nnovation[- ]partnerships?\b/,
  fr: /partenariats? d['’]innovation/i,
  es: /asociaci[óo]n(?:es)? para la innovaci[óo]n/i,
  de: /Innovationspartnerschaft(?:en)?/i,
};
const NEGOTIATED: Patterns = {
  en: /\b[Nn]egotiat(?:ed|ion)(?: procedures?)? without (?:a )?(?:prior )?(?:publication|call for competition|notice)\b|\b[Nn]egotiated procedures?\b/,
  fr: /proc[ée]dures? n[ée]goci[ée]es?(?: sans publication(?: pr[ée]alable)?)?/i,
  es: /procedimientos? negociados?(?: sin publicidad(?: previa)?)?/i,
  de: /Verhandlungsverfahren ohne (?:vorherigen )?Teilnahmewettbewerb/i,
};

// ---------------------------------------------------------------------------------------------
// The families

const PROCEDURE_ARTICLES = [27, 28, 29, 30, 31, 32];
const procedureArticle = (id: string, name: string, subject: Patterns, article: number, expectIn: string[], selfTest: Fact['selfTest']): Fact => ({
  id,
  statement: `The ${name} is Art. ${article} of Directive 2014/24/EU.`,
  expected: `Art. ${article}`,
  subject,
  accept: includes(String(article)),
  expectIn,
  selfTest,
});

const articlesOfProcedures: Family = {
  id: 'procedure-articles',
  title: 'Article of Directive 2014/24/EU that sets out each procedure',
  value: { '*': articleRef },
  parse: articles([2, 5, 9, 18, 26, 65, 66, 84, 90]),
  core: among(PROCEDURE_ARTICLES),
  bare: /^\s+(\d{2})(?=\s*[,;.)|]|\s+and\b|\s*$)/,
  maxGap: 60,
  topics: ['table', 'glossary', 'pair', 'answer', 'item'],
  facts: [
    procedureArticle('article-open', 'open procedure', OPEN, 27, ['modules/fundamentals/lessons/03-procedures.md', 'modules/glossary.yaml'], {
      wrong: 'The open procedure (Art. 28) is always available.',
      right: 'The open procedure (Art. 27) is always available.',
    }),
    procedureArticle('article-restricted', 'restricted procedure', RESTRICTED, 28, ['modules/fundamentals/lessons/03-procedures.md', 'modules/glossary.yaml'], {
      wrong: 'The restricted procedure (Art. 29) has two stages.',
      right: 'The restricted procedure (Art. 28) has two stages.',
    }),
    procedureArticle('article-cpn', 'competitive procedure with negotiation', CPN, 29,
      ['modules/fundamentals/lessons/03-procedures.md', 'modules/dialogue-negotiation/lessons/01-grounds.md', 'modules/glossary.yaml'], {
        wrong: 'La procédure concurrentielle avec négociation (art. 30) exige un motif.',
        right: 'La procédure concurrentielle avec négociation (art. 29) exige un motif.',
        language: 'fr',
      }),
    procedureArticle('article-cd', 'competitive dialogue', CD, 30,
      ['modules/fundamentals/lessons/03-procedures.md', 'modules/dialogue-negotiation/lessons/01-grounds.md', 'modules/fundamentals/quiz.yaml', 'modules/glossary.yaml'], {
        wrong: 'Competitive dialogue (Art. 29) suits buyers that cannot define the means.',
        right: 'Competitive dialogue (Art. 30) suits buyers that cannot define the means.',
      }),
    procedureArticle('article-ip', 'innovation partnership', IP, 31,
      ['modules/fundamentals/lessons/03-procedures.md', 'modules/ppi/lessons/02-innovation-partnership.md', 'modules/glossary.yaml'], {
        wrong: 'Competitive dialogue (Art. 30) and the innovation partnership (Art. 32) are awarded on best price-quality ratio.',
        right: 'Competitive dialogue (Art. 30) and the innovation partnership (Art. 31) are awarded on best price-quality ratio.',
      }),
    procedureArticle('article-negotiated', 'negotiated procedure without prior publication', NEGOTIATED, 32,
      ['modules/fundamentals/lessons/03-procedures.md', 'modules/glossary.yaml'], {
        wrong: 'The negotiated procedure without prior publication (Art. 31) is exceptional.',
        right: 'The negotiated procedure without prior publication (Art. 32) is exceptional.',
      }),
  ],
};

const grounds: Family = {
  id: 'art26-4',
  title: 'Grounds for CPN and competitive dialogue: Art. 26(4)',
  // "Art. 26(4)", and written out: "article 26, paragraphe 4", "artículo 26, apartado 4"
  value: { '*': /\bArt(?:icle|ículo)?\.?\s*26\s*\((\d+)\)|\b(?:article|artículo|Artikel)\s+26,?\s+(?:paragraphe|apartado|paragraph|Absatz)\s+(\d+)/gi },
  parse: (match) => ({ text: match[0], items: [(match[1] ?? match[2])!] }),
  maxGap: 60,
  topics: ['table', 'glossary', 'pair', 'answer', 'item'],
  facts: [
    {
      id: 'art26-4-grounds',
      statement: 'CPN and competitive dialogue may be used only on the grounds of Art. 26(4).',
      expected: 'Art. 26(4)',
      subject: {
        en: /\bCPN\b|\bCD\b|\b[Cc]ompetitive (?:dialogue|procedure with negotiation)s?\b|\bgrounds?\b/,
        fr: /dialogue comp[ée]titif|proc[ée]dure concurrentielle avec n[ée]gociation|\bmotifs?\b/i,
        es: /di[áa]logo competitivo|licitaci[óo]n con negociaci[óo]n|\bsupuestos?\b|\bmotivos?\b/i,
        de: /wettbewerblichen? Dialogs?|Verhandlungsverfahren|\bGründe?\b/i,
      },
      accept: equalsAll('4'),
      expectIn: ['modules/fundamentals/lessons/03-procedures.md', 'modules/dialogue-negotiation/lessons/01-grounds.md', 'modules/glossary.yaml'],
      selfTest: {
        wrong: 'CPN and competitive dialogue need a ground in Art. 26(2).',
        right: 'CPN and competitive dialogue need a ground in Art. 26(4).',
      },
    },
  ],
};

/** Art. 26(4)(a)(i)-(iv) and (b) of Directive 2014/24/EU (the brief's "(b)-(c)" for CD does not exist). */
const SUBPOINTS = ['(a)', '(a)(i)', '(a)(ii)', '(a)(iii)', '(a)(iv)', '(b)'];
const subpointRef = /\bArt\.?\s*26\s*\(4\)\s*((?:\([a-z]+\))+(?:\s*(?:-|–|and|or|,|et|y)\s*(?:\([a-z]+\))+)*)/gi;
function parseSubpoints(match: RegExpMatchArray): Value {
  const items: string[] = [];
  let letter = '';
  for (const part of match[1]!.split(/\s*(?:-|–|\band\b|\bor\b|,|\bet\b|\by\b)\s*/)) {
    const groups = [...part.matchAll(/\(([a-z]+)\)/g)].map((m) => m[1]!);
    if (!groups.length) continue;
    // "(a)(ii)-(iii)": a bare roman numeral continues the letter before it
    if (groups.length === 1 && /^[ivx]+$/.test(groups[0]!) && !(groups[0] === 'i' && !letter) && letter) {
      items.push(`(${letter})(${groups[0]})`);
      continue;
    }
    letter = groups[0]!;
    items.push(groups.map((g) => `(${g})`).join(''));
  }
  return { text: match[0], items };
}
const subpoint = (id: string, ground: string, subject: RegExp, expected: string, selfTest: Fact['selfTest']): Fact => ({
  id,
  statement: `The ground "${ground}" is Art. 26(4)${expected}.`,
  expected: `Art. 26(4)${expected}`,
  subject: { en: subject },
  accept: includes(expected),
  expectIn: ['modules/dialogue-negotiation/lessons/01-grounds.md'],
  selfTest,
});
const groundSubpoints: Family = {
  id: 'art26-4-subpoints',
  title: 'Each ground of Art. 26(4) and its point',
  value: { '*': subpointRef },
  parse: parseSubpoints,
  maxGap: 50,
  topics: ['pair', 'item'],
  facts: [
    {
      id: 'art26-4-points-exist',
      statement: 'Art. 26(4) has points (a)(i) to (a)(iv) and (b), nothing else.',
      expected: `one of ${SUBPOINTS.join(', ')}`,
      relevant: () => true,
      accept: (value) => value.items.every((item) => SUBPOINTS.includes(item)),
      expectIn: ['modules/dialogue-negotiation/lessons/01-grounds.md', 'modules/dialogue-negotiation/quiz.yaml'],
      selfTest: {
        wrong: 'The means are not yet defined (Art. 26(4)(b)-(c)).',
        right: 'The means are not yet defined (Art. 26(4)(a)(ii)-(iii)).',
      },
    },
    subpoint('art26-4-adaptation', 'adapting readily available solutions', /\badapt(?:ing|ation|ed|s)?\b/i, '(a)(i)', {
      wrong: 'Ready solutions need adapting (Art. 26(4)(a)(ii)).',
      right: 'Ready solutions need adapting (Art. 26(4)(a)(i)).',
    }),
    subpoint('art26-4-design', 'design or innovative solutions', /\bdesign or innovat\w*|\binnovative solutions\b/i, '(a)(ii)', {
      wrong: 'The supplies include design or innovative solutions (Art. 26(4)(a)(i)).',
      right: 'The supplies include design or innovative solutions (Art. 26(4)(a)(ii)).',
    }),
    subpoint('art26-4-negotiation', 'prior negotiation needed (nature, complexity, legal and financial make-up, risks)',
      /\blegal and financial\b|\bcomplexity\b|\bprior negotiations?\b|\brisks attach/i, '(a)(iii)', {
        wrong: 'The legal and financial make-up is open (Art. 26(4)(a)(iv)).',
        right: 'The legal and financial make-up is open (Art. 26(4)(a)(iii)).',
      }),
    subpoint('art26-4-standards', 'no standard to refer to', /\bby reference to a standard\b|\bEuropean Technical Assessment\b|\btechnical reference\b/i, '(a)(iv)', {
      wrong: 'Specifications cannot be set by reference to a standard (Art. 26(4)(b)).',
      right: 'Specifications cannot be set by reference to a standard (Art. 26(4)(a)(iv)).',
    }),
    subpoint('art26-4-irregular', 'only irregular or unacceptable tenders', /\birregular\b|\bunacceptable\b/i, '(b)', {
      wrong: 'An earlier open procedure produced only irregular tenders (Art. 26(4)(a)).',
      right: 'An earlier open procedure produced only irregular tenders (Art. 26(4)(b)).',
    }),
  ],
};

const consultation: Family = {
  id: 'consultation-articles',
  title: 'Market consultation (Art. 40) and prior involvement of candidates (Art. 41)',
  value: { '*': articleRef },
  parse: articles([18, 48, 57, 84]),
  core: among([40, 41]),
  maxGap: 60,
  topics: ['glossary', 'pair', 'answer'],
  facts: [
    {
      id: 'article-market-consultation',
      statement: 'Preliminary market consultation is Art. 40 of Directive 2014/24/EU.',
      expected: 'Art. 40',
      subject: {
        en: /\b(?:preliminary |open )?market consultations?\b|\bPMCs?\b|\bOMCs?\b|\bconsult(?:ing|s)? the market\b/i,
        fr: /consultations? pr[ée]alables? du march[ée]|consultations? du march[ée]/i,
        es: /consultas? (?:preliminares? )?(?:del|al) mercado/i,
        de: /Markterkundung(?:en)?/i,
      },
      accept: includes('40'),
      expectIn: ['modules/market-consultation/lessons/02-what-the-law-allows.md', 'modules/glossary.yaml'],
      selfTest: {
        wrong: 'A preliminary market consultation (Art. 41) prepares the tender.',
        right: 'A preliminary market consultation (Art. 40) prepares the tender.',
      },
    },
    {
      id: 'article-prior-involvement',
      statement: 'Prior involvement of candidates or tenderers is Art. 41 of Directive 2014/24/EU.',
      expected: 'Art. 41',
      subject: {
        en: /\bprior involvement\b|\bpreviously involved\b|\binvolved (?:candidates?|bidders?|firms?|suppliers?|tenderers?)\b|\bhelped (?:to )?prepare\b|\badvised the (?:buyer|procurer|contracting authority)\b/i,
        fr: /participation pr[ée]alable/i,
        es: /participaci[óo]n previa/i,
        de: /Vorbefassung|vorbefasst/i,
      },
      accept: includes('41'),
      expectIn: ['modules/market-consultation/lessons/04-prior-involvement.md', 'modules/glossary.yaml'],
      selfTest: {
        wrong: 'Prior involvement (Art. 40) calls for measures, not automatic exclusion.',
        right: 'Prior involvement (Art. 41) calls for measures, not automatic exclusion.',
      },
    },
  ],
};

const rdExemption: Family = {
  id: 'rd-exemption',
  title: 'The R&D services exemption: Art. 14',
  value: { '*': articleRef },
  parse: articles([5, 18, 26, 31, 32]),
  core: among([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]),
  maxGap: 120,
  topics: ['glossary', 'pair', 'answer'],
  facts: [
    {
      id: 'article-rd-exemption',
      statement: 'The R&D services exemption (benefits exclusively to the buyer and paid wholly by it) is Art. 14.',
      expected: 'Art. 14',
      subject: {
        en: /\bR&D (?:services )?exemption\b|\bexemption for R&D\b|\bR&D services\b|\bresearch and development services\b/i,
        fr: /services de R&D|services de recherche et (?:de )?d[ée]veloppement|exemption R&D/i,
        es: /servicios de I\+D|servicios de investigaci[óo]n y desarrollo|exenci[óo]n de I\+D/i,
        de: /F&E-Dienstleistungen|Forschungs- und Entwicklungsdienstleistungen/i,
      },
      accept: includes('14'),
      expectIn: ['modules/legal-risk/lessons/02-rd-exemption.md', 'modules/pcp/lessons/01-outside-directive.md', 'modules/glossary.yaml'],
      selfTest: {
        wrong: 'Les services de R&D (art. 10) ne sont couverts que si le pouvoir adjudicateur paie tout.',
        right: 'Les services de R&D (art. 14) ne sont couverts que si le pouvoir adjudicateur paie tout.',
        language: 'fr',
      },
    },
  ],
};

const directiveTool = (id: string, name: string, subject: Patterns, article: number, expectIn: string[], selfTest: Fact['selfTest']): Fact => ({
  id,
  statement: `${name}: Art. ${article} of Directive 2014/24/EU.`,
  expected: `Art. ${article}`,
  subject,
  accept: includes(String(article)),
  expectIn,
  selfTest,
});
const TOOL_ARTICLES = [24, 33, 38, 39, 42, 45, 46, 48, 58, 59, 67, 68, 69, 72];
const directiveTools: Family = {
  id: 'directive-tools',
  title: 'Articles of the Directive\'s innovation- and SME-friendly tools',
  value: { '*': articleRef },
  parse: articles([5, 18, 19, 26, 63]),
  core: among(TOOL_ARTICLES),
  maxGap: 60,
  topics: ['glossary', 'pair', 'answer'],
  facts: [
    directiveTool('article-meat', 'Award to the most economically advantageous tender (MEAT)',
      { en: /\bMEAT\b|\bmost economically advantageous tender\b/i, fr: /offre [ée]conomiquement la plus avantageuse/i, es: /oferta econ[óo]micamente m[áa]s ventajosa/i },
      67, ['modules/fundamentals/lessons/04-innovation-tools.md', 'modules/glossary.yaml'],
      { wrong: 'Contracts go to the MEAT (Art. 68).', right: 'Contracts go to the MEAT (Art. 67).' }),
    directiveTool('article-lcc', 'Life-cycle costing',
      { en: /\blife[- ]cycle cost(?:ing|s)?\b|\bLCC\b/i, fr: /co[ûu]t du cycle de vie/i, es: /coste del ciclo de vida/i },
      68, ['modules/fundamentals/lessons/04-innovation-tools.md', 'modules/glossary.yaml'],
      { wrong: 'Life-cycle costing (Art. 67) counts running costs.', right: 'Life-cycle costing (Art. 68) counts running costs.' }),
    directiveTool('article-variants', 'Variants',
      { en: /\bvariants?\b/i, fr: /\bvariantes?\b/i, es: /\bvariantes?\b/i, de: /Nebenangebote?/i },
      45, ['modules/fundamentals/lessons/04-innovation-tools.md', 'modules/glossary.yaml'],
      { wrong: 'Variants (Art. 46) must be authorised.', right: 'Variants (Art. 45) must be authorised.' }),
    directiveTool('article-lots', 'Division into lots',
      { en: /\blots?\b/i, fr: /\blots?\b/i, es: /\blotes?\b/i, de: /\bLose?\b/i },
      46, ['modules/bso-procurement/lessons/06-smes.md', 'modules/glossary.yaml'],
      { wrong: 'Divide the contract into lots (Art. 45) or explain why not.', right: 'Divide the contract into lots (Art. 46) or explain why not.' }),
    directiveTool('article-functional-specs', 'Performance or functional requirements in technical specifications',
      {
        en: /\b(?:performance or functional|functional or performance)(?: terms| requirements| specifications?)?\b|\b(?:performance|functional) (?:terms|requirements|specifications?)\b/i,
        fr: /exigences (?:de performances? ou )?fonctionnelles|exigences de performances?|sp[ée]cifications? fonctionnelles?/i,
        es: /requisitos (?:de rendimiento o )?funcionales|requisitos de rendimiento|especificaciones funcionales/i,
      },
      42, ['modules/fundamentals/lessons/04-innovation-tools.md', 'modules/glossary.yaml'],
      { wrong: 'Specifications may be written as functional requirements (Art. 45(3)).', right: 'Specifications may be written as functional requirements (Art. 42(3)).' }),
    directiveTool('article-pin', 'Prior information notice',
      { en: /\bprior information notices?\b|\bPINs?\b/, fr: /avis de pr[ée]information/i, es: /anuncio de informaci[óo]n previa/i },
      48, ['modules/market-consultation/quiz.yaml'],
      { wrong: 'A prior information notice (Art. 49) announces plans.', right: 'A prior information notice (Art. 48) announces plans.' }),
    directiveTool('article-espd', 'The European Single Procurement Document (ESPD)',
      { en: /\bESPD\b|\bEuropean Single Procurement Document\b/i, fr: /\bDUME\b/, es: /\bDEUC\b/ },
      59, ['modules/glossary.yaml'],
      { wrong: 'Bidders self-declare in the ESPD (Art. 58).', right: 'Bidders self-declare in the ESPD (Art. 59).' }),
    {
      ...directiveTool('article-conflict-of-interest', 'Conflicts of interest',
        { en: /\bconflicts? of interests?\b/i, fr: /conflits? d['’]int[ée]r[êe]ts?/i, es: /conflictos? de intereses/i },
        24, ['modules/market-consultation/lessons/04-prior-involvement.md', 'modules/glossary.yaml'],
        { wrong: 'Buyers must prevent and remedy conflicts of interest (Art. 41).', right: 'Buyers must prevent and remedy conflicts of interest (Art. 24).' }),
      // the exclusion ground for a conflict that cannot be remedied is Art. 57(4)(e)
      expected: 'Art. 24 (exclusion: Art. 57(4)(e))',
      accept: (value) => value.items.every((item) => item === '24' || item === '57'),
    },
    directiveTool('article-framework-agreement', 'Framework agreements',
      { en: /\bframework agreements?\b/i, fr: /accords?-cadres?/i, es: /acuerdos? marco/i },
      33, ['modules/fundamentals/lessons/03-procedures.md', 'modules/glossary.yaml'],
      { wrong: 'A framework agreement (Art. 34) sets the terms of later contracts.', right: 'A framework agreement (Art. 33) sets the terms of later contracts.' }),
    {
      ...directiveTool('article-joint-procurement', 'Joint and cross-border joint procurement',
        { en: /\b(?:occasional |cross-border )?joint (?:procurement|purchasing|procedures?)\b|\bprocur(?:e|ing) jointly\b/i, fr: /achats? conjoints?|passation conjointe/i, es: /contrataci[óo]n conjunta|compras? conjuntas?/i },
        38, ['modules/ppi/lessons/01-ppi.md', 'modules/glossary.yaml'],
        { wrong: 'Authorities of several Member States may procure jointly (Art. 37).', right: 'Authorities of several Member States may procure jointly (Art. 39).' }),
      expected: 'Art. 38 (occasional joint procurement) or Art. 39 (across Member States)',
      accept: (value) => value.items.every((item) => item === '38' || item === '39'),
    },
    directiveTool('article-abnormally-low', 'Abnormally low tenders',
      { en: /\babnormally low(?: tenders?| prices?| bids?| offers?| costs?)?\b/i, fr: /offres? anormalement basses?/i, es: /ofertas? anormalmente bajas?/i },
      69, ['modules/fundamentals/lessons/04-innovation-tools.md', 'modules/glossary.yaml'],
      { wrong: 'An abnormally low tender must be explained before rejection (Art. 67).', right: 'An abnormally low tender must be explained before rejection (Art. 69).' }),
    {
      ...directiveTool('article-contract-modification', 'Modification of contracts during their term',
        { en: /\bcontract modifications?\b|\bmodifications? (?:of|to) (?:a |the )?(?:public )?contracts?\b|\bmodif(?:y|ying) (?:a |the )?contracts?\b|\bprice[- ]revision clauses?\b|\breview clauses?\b/i, fr: /modifications? (?:du|d['’]un) march[ée]|clauses? de r[ée]examen/i, es: /modificaci[óo]n(?:es)? del contrato|cl[áa]usulas? de revisi[óo]n/i },
        72, ['modules/legal-risk/lessons/05-risk-allocation.md', 'modules/ppi/lessons/03-phases-purchase.md', 'modules/glossary.yaml'],
        { wrong: 'Review clauses (Art. 71) allow changes without a new procedure.', right: 'Review clauses (Art. 72) allow changes without a new procedure.' }),
      // termination for a substantial modification in breach of Art. 72 is Art. 73(a)
      expected: 'Art. 72 (termination: Art. 73)',
      accept: (value) => value.items.every((item) => item === '72' || item === '73'),
    },
    directiveTool('article-selection', 'Selection criteria and the turnover cap',
      // "selection criteria" only with its own article after it: the ESPD definition names them beside Art. 59
      {
        en: /\bturnover\b|\bselection criteria(?=\s*\((?:Arts?|Articles?)\b|$)/i,
        fr: /chiffre d['’]affaires|crit[èe]res de s[ée]lection(?=\s*\((?:art|article)\b|$)/i,
        es: /volumen de negocios|criterios de selecci[óo]n(?=\s*\((?:art|artículo)\b|$)/i,
      },
      58, ['modules/bso-procurement/lessons/06-smes.md', 'modules/glossary.yaml'],
      { wrong: 'A turnover cap of twice the contract value (Art. 59(3)) helps SMEs.', right: 'A turnover cap of twice the contract value (Art. 58(3)) helps SMEs.' }),
  ],
};

const DAYS = /(\d+)(?:\s*\+\s*(\d+))?(?:\s+calendar)?\s*(?:days?|jours|d[íi]as|Tage|dagen|dni|dage)\b/gi;
const timeLimit = (id: string, name: string, subject: Patterns, days: number, what: string, expectIn: string[], selfTest: Fact['selfTest']): Fact => ({
  id,
  statement: `Minimum time limit in the ${name}: ${what}.`,
  expected: `at least ${days} days (stated as the minimum: exactly ${days})`,
  subject,
  accept: minimum(days),
  expectIn,
  selfTest,
});
const timeLimits: Family = {
  id: 'time-limits',
  title: 'Minimum time limits of the procedures (Arts 27-31)',
  value: { '*': DAYS },
  parse: (match) => ({ text: match[0], items: [match[1]!, ...(match[2] ? [match[2]] : [])] }),
  maxGap: 60,
  topics: ['table', 'glossary', 'pair', 'answer', 'item', 'heading'],
  facts: [
    {
      ...timeLimit('days-open', 'open procedure', OPEN, 35, '35 days for tenders (Art. 27(1)), shorter only on the grounds of Art. 27(2)-(4)',
        ['modules/fundamentals/lessons/03-procedures.md', 'modules/fundamentals/quiz.yaml', 'modules/glossary.yaml'],
        { wrong: 'In an open procedure, tenders need at least 30 days.', right: 'In an open procedure, tenders need at least 35 days, or 30 if tenders may be sent electronically.' }),
      expected: 'at least 35 days; 15 after a prior information notice or in urgency, 5 days fewer for electronic tenders (Art. 27(2)-(4)), where the sentence names the ground',
      accept: (value, context) =>
        minimum(35)(value, context) ||
        (value.items.every((item) => ['15', '30', '5'].includes(item)) && /prior information|\bPIN\b|urgen|electronic|reduc|shorten|cut|pr[ée]information|urgence|[ée]lectronique|informaci[óo]n previa|urgencia|electr[óo]nic/i.test(context.sentence)),
    },
    timeLimit('days-restricted', 'restricted procedure', RESTRICTED, 30, '30 days for requests to participate and 30 days for tenders (Art. 28)',
      ['modules/fundamentals/lessons/03-procedures.md', 'modules/fundamentals/quiz.yaml', 'modules/glossary.yaml'],
      { wrong: 'El procedimiento restringido exige al menos 35 días para las solicitudes.', right: 'El procedimiento restringido exige al menos 30 días para las solicitudes.', language: 'es' }),
    timeLimit('days-cpn', 'competitive procedure with negotiation', CPN, 30, '30 days for requests and 30 days for initial tenders (Art. 29)',
      ['modules/fundamentals/lessons/03-procedures.md', 'modules/dialogue-negotiation/lessons/04-choosing.md'],
      { wrong: 'In a CPN, firms have at least 35 days to request to participate.', right: 'In a CPN, firms have at least 30 days to request to participate.' }),
    timeLimit('days-cd', 'competitive dialogue', CD, 30, '30 days for requests to participate (Art. 30)',
      ['modules/fundamentals/lessons/03-procedures.md', 'modules/dialogue-negotiation/lessons/04-choosing.md'],
      { wrong: 'Competitive dialogue: minimum 35 days for requests.', right: 'Competitive dialogue: minimum 30 days for requests.' }),
    timeLimit('days-ip', 'innovation partnership', IP, 30, '30 days for requests to participate (Art. 31)',
      ['modules/fundamentals/lessons/03-procedures.md', 'modules/ppi/quiz.yaml'],
      { wrong: 'An innovation partnership gives at least 25 days for requests.', right: 'An innovation partnership gives at least 30 days for requests.' }),
  ],
};

const standstill: Family = {
  id: 'standstill',
  title: 'Standstill before signing: at least 10 calendar days (Directive 89/665/EEC, Art. 2a)',
  value: { '*': DAYS },
  parse: (match) => ({ text: match[0], items: [match[1]!, ...(match[2] ? [match[2]] : [])] }),
  maxGap: 80,
  topics: ['table', 'glossary', 'pair', 'answer', 'item', 'heading'],
  facts: [
    {
      id: 'days-standstill',
      statement: 'The standstill period is at least 10 calendar days after an award decision sent electronically (15 days from sending, or 10 from receipt, by other means).',
      expected: '10 days (15 by other means than fax or electronic)',
      subject: { en: /\bstandstill(?: period)?\b/i, fr: /d[ée]lai de suspension|standstill/i, es: /plazo suspensivo|standstill/i },
      accept: (value) => value.items.every((item) => item === '10' || item === '15'),
      expectIn: ['modules/legal-risk/lessons/01-which-rules.md', 'modules/glossary.yaml'],
      selfTest: { wrong: 'The standstill period lasts at least 5 days.', right: 'The standstill period lasts at least 10 calendar days.' },
    },
  ],
};

const frameworkDuration: Family = {
  id: 'framework-agreement-duration',
  title: 'Framework agreements: at most four years, save exceptional cases (Art. 33)',
  value: { '*': /\b(\d+|two|three|four|five|six|eight|ten|deux|trois|quatre|cinq|dos|tres|cuatro|cinco)\s+(?:years?|ans|años)\b/gi },
  parse: (match) => ({ text: match[0], items: [String(({ four: 4, quatre: 4, cuatro: 4 } as Record<string, number>)[match[1]!.toLowerCase()] ?? toNumber(match[1]!))] }),
  maxGap: 80,
  topics: ['table', 'glossary', 'pair', 'answer', 'item', 'heading'],
  facts: [
    {
      id: 'framework-agreement-4-years',
      statement: 'A framework agreement lasts at most four years, save in duly justified exceptional cases (Art. 33).',
      expected: 'four years',
      subject: { en: /\bframework agreements?\b/i, fr: /accords?-cadres?/i, es: /acuerdos? marco/i },
      accept: equalsAll('4'),
      expectIn: ['modules/fundamentals/lessons/03-procedures.md', 'modules/glossary.yaml'],
      selfTest: { wrong: 'A framework agreement may run for up to six years.', right: 'A framework agreement may run for up to four years.' },
    },
  ],
};

const candidates: Family = {
  id: 'candidates',
  title: 'Minimum number of candidates invited (Art. 65)',
  value: {
    '*': /\b(two|three|four|five|six|deux|trois|cinq|dos|tres|cinco|drei|fünf|\d+)\s+(?:qualified\s+)?(?:candidates|candidats|candidatos|Bewerber)\b|\b(?:candidates|candidats|candidatos),?\s+(?:normally\s+|normalement\s+|normalmente\s+)?(?:at least|au moins|al menos)\s+(two|three|four|five|six|deux|trois|cinq|dos|tres|cinco|\d+)\b/giu,
  },
  parse: (match) => ({ text: match[0], items: [String(toNumber((match[1] ?? match[2])!))] }),
  maxGap: 60,
  topics: ['table', 'glossary', 'pair', 'answer', 'item', 'heading'],
  facts: [
    {
      id: 'candidates-restricted',
      statement: 'Restricted procedure: at least five candidates normally invited (Art. 65).',
      expected: 'at least 5 candidates',
      subject: RESTRICTED,
      accept: minimum(5),
      expectIn: ['modules/fundamentals/lessons/03-procedures.md', 'modules/glossary.yaml'],
      selfTest: { wrong: 'The restricted procedure needs at least three candidates.', right: 'The restricted procedure needs at least five candidates.' },
    },
    ...([['cpn', 'competitive procedure with negotiation', CPN], ['cd', 'competitive dialogue', CD], ['ip', 'innovation partnership', IP]] as const).map(
      ([key, name, subject]): Fact => ({
        id: `candidates-${key}`,
        statement: `${name[0]!.toUpperCase()}${name.slice(1)}: at least three candidates normally invited (Art. 65).`,
        expected: 'at least 3 candidates',
        subject,
        accept: minimum(3),
        expectIn: key === 'ip' ? ['modules/ppi/quiz.yaml', 'modules/fundamentals/lessons/03-procedures.md'] : ['modules/fundamentals/lessons/03-procedures.md', 'modules/dialogue-negotiation/quiz.yaml'],
        selfTest: { wrong: `For the ${name}, at least five candidates must be invited.`, right: `For the ${name}, at least three candidates must be invited.` },
      }),
    ),
  ],
};

const KNOWN_THRESHOLDS = [5_404_000, 5_538_000, 140_000, 143_000, 216_000, 221_000, 750_000];
const thresholdFact = (id: string, name: string, subject: Patterns, current: number, previous: number, selfTest: Fact['selfTest']): Fact => ({
  id,
  statement: `EU threshold 2026–2027 for ${name}: €${current.toLocaleString('en')} net of VAT (2024–2025: €${previous.toLocaleString('en')}).`,
  expected: `€${current.toLocaleString('en')} (or €${previous.toLocaleString('en')} where stated as the 2024–2025 value)`,
  subject,
  accept: threshold(current, previous),
  expectIn: ['modules/fundamentals/lessons/02-thresholds.md', 'modules/fundamentals/quiz.yaml'],
  selfTest,
});
const thresholds: Family = {
  id: 'eu-thresholds',
  title: 'EU thresholds of Directive 2014/24/EU from 1 January 2026 (Delegated Regulation (EU) 2025/2152)',
  value: { '*': euros },
  parse: parseEuros,
  consider: (value, context) =>
    value.items.some((item) => KNOWN_THRESHOLDS.includes(Number(item))) ||
    /threshold|seuil|umbral|Schwellenwert/i.test(context.sentence + ' ' + context.context),
  maxGap: 40,
  topics: ['table', 'pair', 'answer'],
  facts: [
    thresholdFact('threshold-works', 'works contracts',
      { en: /\bworks\b(?! (?:in|by|as|well|best|with|like|on)\b)|^Works$/i, fr: /\btravaux\b/i, es: /\bobras\b/i, de: /Bauauftr[äa]ge?|Bauleistungen/i },
      5_404_000, 5_538_000,
      { wrong: 'The 2026–2027 threshold for works is €5,538,000.', right: 'The 2026–2027 threshold for works is €5,404,000.' }),
    thresholdFact('threshold-central', 'supplies and services of central government authorities',
      { en: /(?<!sub-)(?<!sub)\bcentral\b/i, fr: /(?<!sous-)\bcentra(?:l|les|ux)\b/i, es: /(?<!sub)\bcentral(?:es)?\b/i, de: /(?<!sub)zentrale?n? (?:Regierungsbehörden|Behörden)/i },
      140_000, 143_000,
      { wrong: 'Le seuil pour les autorités centrales est de 143 000 € en 2026.', right: 'Le seuil pour les autorités centrales est de 140 000 € en 2026.', language: 'fr' }),
    thresholdFact('threshold-sub-central', 'supplies and services of sub-central authorities',
      { en: /\bsub-?central\b/i, fr: /sous-centra(?:l|les|ux)|infra-?centra(?:l|les|ux)/i, es: /subcentral(?:es)?|sub-central(?:es)?/i, de: /subzentrale?n?/i },
      216_000, 221_000,
      { wrong: 'Sub-central authorities: €221,000 for supplies and services from 1 January 2026.', right: 'Sub-central authorities: €216,000 for supplies and services from 1 January 2026.' }),
    thresholdFact('threshold-social', 'social and other specific services (Annex XIV)',
      { '*': /\bAnn?e(?:x|xe|xo)\s+XIV\b|\bAnhang XIV\b/i, en: /\bAnnex XIV\b|\bsocial and other specific services\b/i },
      750_000, 750_000,
      { wrong: 'Annex XIV services have a threshold of €221,000.', right: 'Annex XIV services have a threshold of €750,000.' }),
  ],
};

const threshold_dates: Family = {
  id: 'dates',
  title: 'Dates of the texts the curriculum cites',
  value: { '*': dates },
  parse: parseDate,
  maxGap: 40,
  topics: ['pair', 'answer', 'item'],
  facts: [
    {
      id: 'date-com-2007-799',
      statement: 'COM(2007) 799 and SEC(2007) 1668 are of 14 December 2007.',
      expected: '14 December 2007',
      subject: { '*': /\bCOM\s?\(2007\)\s?799\b|\bSEC\s?\(2007\)\s?1668\b/ },
      accept: equalsAll('2007-12-14'),
      expectIn: ['modules/pcp/lessons/01-outside-directive.md', 'modules/fundamentals/lessons/05-innovation-vs-rd.md'],
      selfTest: { wrong: 'PCP was set out in COM(2007) 799 of 14 December 2008.', right: 'PCP was set out in COM(2007) 799 of 14 December 2007.' },
    },
    {
      id: 'date-c-2018-3051',
      statement: 'The Guidance on Innovation Procurement C(2018) 3051 is of 15 May 2018.',
      expected: '15 May 2018',
      subject: { '*': /\bC\s?\(2018\)\s?3051\b/ },
      accept: equalsAll('2018-05-15'),
      expectIn: ['modules/fundamentals/lessons/05-innovation-vs-rd.md', 'modules/glossary.yaml'],
      selfTest: { wrong: 'C(2018) 3051 of 15 June 2018.', right: 'C(2018) 3051 of 15 May 2018.' },
    },
    {
      id: 'date-c-2021-4320',
      statement: 'The 2021 Guidance C(2021) 4320 is of 18 June 2021.',
      expected: '18 June 2021',
      subject: { '*': /\bC\s?\(2021\)\s?4320\b/ },
      accept: equalsAll('2021-06-18'),
      expectIn: ['modules/fundamentals/lessons/05-innovation-vs-rd.md', 'modules/glossary.yaml'],
      selfTest: { wrong: 'La Communication C(2021) 4320 du 22 juin 2021.', right: 'La Communication C(2021) 4320 du 18 juin 2021.', language: 'fr' },
    },
    {
      id: 'date-press-release',
      statement: 'The Commission press release on the 2021 Guidance is of 22 June 2021.',
      expected: '22 June 2021',
      subject: { en: /\bpress release\b/i, fr: /communiqué de presse/i, es: /(?:comunicado|nota) de prensa/i, de: /Pressemitteilung/i },
      accept: equalsAll('2021-06-22'),
      expectIn: ['modules/fundamentals/lessons/05-innovation-vs-rd.md'],
      selfTest: { wrong: 'According to the Commission press release (18 June 2021), the Guidance changed.', right: 'According to the Commission press release (22 June 2021), the Guidance changed.' },
    },
    {
      id: 'date-directive-adopted',
      statement: 'Directive 2014/24/EU was adopted on 26 February 2014.',
      expected: '26 February 2014',
      subject: { en: /\badopted\b|^Directive$|\bDirective(?= \()/, fr: /\badoptée\b/i, es: /\badoptada\b/i, de: /\berlassen\b/i },
      accept: equalsAll('2014-02-26'),
      expectIn: ['modules/fundamentals/lessons/01-principles.md'],
      selfTest: { wrong: 'It was adopted on 26 March 2014.', right: 'It was adopted on 26 February 2014.' },
    },
    {
      id: 'date-transposition',
      statement: 'Member States had to transpose Directive 2014/24/EU by 18 April 2016 (Art. 90).',
      expected: '18 April 2016',
      subject: { en: /\btranspos(?:e|ed|ition)\b/i, fr: /\btranspos(?:er|ée|ition)\b/i, es: /\btransposici[óo]n|transponer\b/i, de: /Umsetzung|umzusetzen/i },
      accept: equalsAll('2016-04-18'),
      expectIn: ['modules/fundamentals/lessons/01-principles.md'],
      selfTest: { wrong: 'It had to be transposed by 18 April 2015.', right: 'It had to be transposed by 18 April 2016.' },
    },
    {
      id: 'date-thresholds',
      statement: 'The 2026–2027 EU thresholds apply from 1 January 2026.',
      expected: '1 January 2026',
      subject: {
        en: /\bnew (?:values|thresholds)\b|\b(?:current )?values apply\b|\bthresholds? (?:apply|applies)\b/i,
        fr: /nouveaux seuils|seuils s['’]appliquent/i,
        es: /nuevos umbrales|umbrales se aplican/i,
        de: /neuen Schwellenwerte/i,
      },
      accept: equalsAll('2026-01-01'),
      expectIn: ['modules/fundamentals/lessons/02-thresholds.md'],
      selfTest: { wrong: 'The new values apply from 1 January 2025.', right: 'The new values apply from 1 January 2026.' },
    },
  ],
};

const commissionDoc = (id: string, type: string, year: string, number: string, what: string, expectIn: string[], selfTest: Fact['selfTest']): Fact => ({
  id,
  statement: `${what} is ${type}(${year}) ${number}.`,
  expected: `${type}(${year}) ${number}`,
  relevant: (value) => value.items.some((item) => {
    const [t, y, n] = item.split(' ');
    return n === number || (t === type && y === year);
  }),
  accept: (value) => value.items.every((item) => item === `${type} ${year} ${number}`),
  expectIn,
  selfTest,
});
const commissionDocs: Family = {
  id: 'commission-documents',
  title: 'Commission documents on PCP and innovation procurement',
  value: { '*': /\b(COM|SEC|C)\s?\((\d{4})\)\s?(\d+)\b/g },
  parse: (match) => ({ text: match[0], items: [`${match[1]} ${match[2]} ${match[3]}`] }),
  maxGap: 0,
  topics: [],
  facts: [
    commissionDoc('com-2007-799', 'COM', '2007', '799', 'The Communication that set out PCP',
      ['modules/pcp/lessons/01-outside-directive.md', 'modules/fundamentals/lessons/05-innovation-vs-rd.md', 'modules/glossary.yaml'],
      { wrong: 'PCP was set out in COM(2008) 799.', right: 'PCP was set out in COM(2007) 799.' }),
    commissionDoc('sec-2007-1668', 'SEC', '2007', '1668', 'The staff working document on PCP',
      ['modules/pcp/lessons/01-outside-directive.md'],
      { wrong: 'See SEC(2007) 1686.', right: 'See SEC(2007) 1668.' }),
    commissionDoc('c-2018-3051', 'C', '2018', '3051', 'The 2018 Guidance on Innovation Procurement',
      ['modules/pcp/lessons/01-outside-directive.md', 'modules/glossary.yaml'],
      { wrong: 'The 2018 Guidance, C(2018) 3015.', right: 'The 2018 Guidance, C(2018) 3051.' }),
    commissionDoc('c-2021-4320', 'C', '2021', '4320', 'The 2021 Guidance on Innovation Procurement',
      ['modules/pcp/lessons/01-outside-directive.md', 'modules/market-consultation/lessons/02-what-the-law-allows.md', 'modules/glossary.yaml'],
      { wrong: 'La Guía de 2021, C(2021) 4230.', right: 'La Guía de 2021, C(2021) 4320.', language: 'es' }),
  ],
};

const ojDoc = (id: string, year: string, number: string, what: string, expectIn: string[], selfTest: Fact['selfTest']): Fact => ({
  id,
  statement: `${what} is published as ${year}/C ${number}/01.`,
  expected: `${year}/C ${number}/01`,
  relevant: (value) => value.items.some((item) => {
    const [y, n] = item.split(' ');
    return n === number || y === year;
  }),
  accept: (value) => value.items.every((item) => item === `${year} ${number} 01`),
  expectIn,
  selfTest,
});
/** A reference to a superseded text: accepted only where the sentence says it was replaced. */
const historyOnly = (fact: Fact): Fact => ({
  ...fact,
  expected: `${fact.expected}, only where the sentence says it is the replaced, earlier text`,
  accept: (value, context) => fact.accept(value, context) && SUPERSEDED.test(context.sentence),
});

const ojDocs: Family = {
  id: 'oj-c-references',
  title: 'Official Journal C-series references',
  value: { '*': /\b(\d{4})\/C\s?(\d+)\/(\d+)\b/g },
  parse: (match) => ({ text: match[0], items: [`${match[1]} ${match[2]} ${match[3]}`] }),
  maxGap: 0,
  topics: [],
  facts: [
    historyOnly(ojDoc('oj-2014-c-198', '2014', '198', 'The 2014 Framework for State aid for R&D&I (replaced by 2022/C 414/01)',
      ['modules/pcp/lessons/04-state-aid.md'],
      { wrong: 'No aid is presumed under the R&D&I Framework 2014/C 198/01.', right: 'It replaced the R&D&I Framework 2014/C 198/01.' })),
    ojDoc('oj-2022-c-414', '2022', '414', 'The 2022 Framework for State aid for R&D&I',
      ['modules/pcp/lessons/04-state-aid.md', 'modules/legal-risk/lessons/03-state-aid.md', 'modules/pcp/quiz.yaml', 'modules/legal-risk/quiz.yaml'],
      { wrong: 'See the R&D&I Framework 2022/C 441/01.', right: 'See the R&D&I Framework 2022/C 414/01.' }),
    ojDoc('oj-2021-c-267', '2021', '267', 'The 2021 Guidance on Innovation Procurement',
      ['modules/fundamentals/lessons/05-innovation-vs-rd.md', 'modules/glossary.yaml'],
      { wrong: 'OJ 2021/C 276/01.', right: 'OJ 2021/C 267/01.' }),
  ],
};

/** Words saying a cited text is the earlier one: the 2014 Framework, the 2018 Financial Regulation. */
const SUPERSEDED = /\b(?:replac\w*|supersed\w*|previous\w*|earlier|former\w*|recast|history|historical)\b|remplac|précédent|ancien|antérieur|sustitu|anterior|derogad|ersetzt|frühere/i;

const frameworkPoint: Family = {
  id: 'framework-point',
  title: 'Point numbers of the R&D&I Framework: only point 33 of the 2014 text, cited as history',
  // "article 2, paragraphe 1, point 22" (Art. 2(1)(22) written out) is not a point of the Framework
  value: {
    en: /(?<!(?:paragraph|Art\.?|Article)\s+\d+\S*,?\s+)\bpoint\s+(\d+)\b(?!\s+of\b)/gi,
    fr: /(?<!(?:paragraphe|alinéa|article)\s+\d+,?\s+)\bpoint\s+(\d+)\b(?!\s+de\b)/gi,
    es: /(?<!(?:apartado|párrafo|artículo)\s+\d+,?\s+)\bpunto\s+(\d+)\b(?!\s+del?\b)/gi,
    de: /\b(?:Rn\.|Randnummer|Randnr\.)\s*(\d+)\b/gi,
  },
  parse: (match) => ({ text: match[0], items: [match[1]!] }),
  maxGap: 0,
  topics: [],
  facts: [
    {
      id: 'framework-point-33-history',
      statement: 'The curriculum teaches the 2022 Framework (2022/C 414/01, section 2.3) without point numbers; "point 33" appears only as the 2014 text (2014/C 198/01) it replaced.',
      expected: 'point 33 of the 2014 Framework, named as the replaced text (or no point number at all)',
      relevant: () => true,
      accept: (value, context) => value.items.every((item) => item === '33') && /2014/.test(context.sentence) && SUPERSEDED.test(context.sentence),
      expectIn: ['modules/pcp/lessons/04-state-aid.md'],
      selfTest: { wrong: 'No aid is presumed (R&D&I Framework 2022/C 414/01, point 33).', right: 'It replaced the 2014 Framework (2014/C 198/01, point 33).' },
    },
  ],
};

const frameworkSection: Family = {
  id: 'framework-section',
  title: 'Section of the R&D&I Framework on buying R&D: 2.3 (2022/C 414/01, as in 2014/C 198/01)',
  value: { en: /\bsection\s+(\d+(?:\.\d+)+)/gi, fr: /\bsection\s+(\d+(?:\.\d+)+)/gi, es: /\bsecci[óo]n\s+(\d+(?:\.\d+)+)/gi, de: /\bAbschnitt\s+(\d+(?:\.\d+)+)/gi },
  parse: (match) => ({ text: match[0], items: [match[1]!] }),
  maxGap: 40,
  topics: [],
  facts: [
    {
      id: 'framework-section-2-3',
      statement: 'Buying R&D services is dealt with in section 2.3 of the R&D&I Framework 2022/C 414/01 (as it was in 2014/C 198/01).',
      expected: 'section 2.3',
      subject: { '*': /\b20(?:14\/C\s?198|22\/C\s?414)\/01\b/, en: /\bR&D&I Framework\b|\b20(?:14\/C\s?198|22\/C\s?414)\/01\b/ },
      accept: equalsAll('2.3'),
      expectIn: ['modules/pcp/lessons/04-state-aid.md', 'modules/legal-risk/lessons/03-state-aid.md'],
      selfTest: { wrong: 'See the R&D&I Framework (2022/C 414/01, section 2.2).', right: 'See the R&D&I Framework (2022/C 414/01, section 2.3).' },
    },
  ],
};

const delegatedRegs: Family = {
  id: 'delegated-regulations',
  title: 'Delegated Regulations setting the thresholds',
  value: { '*': /\b(20\d\d)\/(2152|2495)\b/g },
  parse: (match) => ({ text: match[0], items: [`${match[1]}/${match[2]}`] }),
  maxGap: 0,
  topics: [],
  facts: [
    {
      id: 'delegated-2025-2152',
      statement: 'The 2026–2027 thresholds are set by Delegated Regulation (EU) 2025/2152.',
      expected: '2025/2152',
      relevant: (value) => value.items.some((item) => item.endsWith('/2152')),
      accept: equalsAll('2025/2152'),
      expectIn: ['modules/fundamentals/lessons/02-thresholds.md', 'modules/fundamentals/quiz.yaml'],
      selfTest: { wrong: 'Delegated Regulation (EU) 2024/2152 sets the thresholds.', right: 'Delegated Regulation (EU) 2025/2152 sets the thresholds.' },
    },
    {
      id: 'delegated-2023-2495',
      statement: 'The 2024–2025 thresholds were set by Delegated Regulation (EU) 2023/2495.',
      expected: '2023/2495',
      relevant: (value) => value.items.some((item) => item.endsWith('/2495')),
      accept: equalsAll('2023/2495'),
      expectIn: ['modules/fundamentals/lessons/02-thresholds.md'],
      selfTest: { wrong: 'The previous ones by Delegated Regulation (EU) 2022/2495.', right: 'The previous ones by Delegated Regulation (EU) 2023/2495.' },
    },
  ],
};

const MARKET_SURVEY: Patterns = {
  en: /\bmarket surveys?\b|\bprice enquir(?:y|ies)\b/i,
  fr: /\b[ée]tudes? de march[ée]\b|\benqu[êe]tes? de march[ée]\b|demandes? de prix/i,
  es: /\bestudios? de mercado\b|\bsolicitud(?:es)? de precios?\b/i,
  de: /\bMarkterhebung(?:en)?\b|\bMarktumfrage\b|\bPreisanfrage(?:n)?\b/i,
};
const cern: Family = {
  id: 'cern-chf',
  title: 'CERN: market survey compulsory above CHF 200,000',
  value: {
    // "→" marks the answer of a numeric question
    en: /(\babove|\bover|\bexceed(?:s|ing)?|\bbelow|\bunder|\bmore than|\bless than|→)\s+CHF\s?(\d{1,3}(?:[,'’ ]\d{3})+|\d+)(\s?(?:k|million|m)\b)?/gi,
    fr: /(\bau-dessus de|\bau-delà de|\bsupérieurs? à|\bdépassant|\ben dessous de|\binférieurs? à|\bmoins de|\bplus de|→)\s+(?:CHF\s?)?(\d{1,3}(?:[,'’ \u00a0\u202f]\d{3})+|\d+)(\s?(?:k|millions?)\b)?(?:\s?CHF)?/gi,
    es: /(\bpor encima de|\bsuperior(?:es)? a|\bmás de|\bpor debajo de|\binferior(?:es)? a|\bmenos de|→)\s+(?:CHF\s?)?(\d{1,3}(?:[.,'’ \u00a0]\d{3})+|\d+)(\s?(?:k|millones?)\b)?(?:\s?CHF)?/gi,
  },
  parse: (match) => ({ text: match[0], items: [String(amount(match[2]!, match[3]?.trim()))] }),
  maxGap: 50,
  topics: ['table', 'glossary', 'pair', 'answer'],
  facts: [
    {
      id: 'cern-market-survey-chf-200000',
      statement: 'At CERN a market survey is compulsory for purchases expected above CHF 200,000; below, price enquiries.',
      expected: 'CHF 200,000',
      subject: MARKET_SURVEY,
      accept: equalsAll('200000'),
      expectIn: ['modules/market-consultation/lessons/05-bso-practice-ilos-smes.md', 'modules/bso-procurement/lessons/02-cern.md', 'modules/glossary.yaml', 'modules/market-consultation/quiz.yaml'],
      selfTest: { wrong: 'At CERN the market survey is compulsory above CHF 100,000.', right: 'At CERN the market survey is compulsory above CHF 200,000.' },
    },
  ],
};

const pcpCost: Family = {
  id: 'pcp-cost-effect',
  title: 'Cost effect of competitive development in phases',
  value: {
    en: /\b(\d+)\s?%\s*(?:less|cheaper|lower|reduction|savings?)\b/gi,
    fr: /\b(\d+)\s?%\s*(?:moins cher|de moins|d['’]économie|inférieur)/gi,
    es: /\b(\d+)\s?%\s*(?:más barat|menos|de ahorro|inferior)/gi,
  },
  parse: (match) => ({ text: match[0], items: [match[1]!] }),
  maxGap: 120,
  topics: ['pair', 'answer', 'item', 'heading'],
  facts: [
    {
      id: 'pcp-cost-20-percent',
      statement: 'Phased competitive PCP has led on average to first products about 20% cheaper.',
      expected: 'about 20%',
      subject: {
        en: /\bfirst products?\b|\bphased\b|\bin phases\b|\bPCP\b/i,
        fr: /premiers produits|par phases|\bPCP\b|achats? publics? avant commercialisation/i,
        es: /primeros productos|por fases|\bCPP\b|compra p[úu]blica precomercial/i,
      },
      accept: equalsAll('20'),
      expectIn: ['modules/pcp/lessons/02-phases.md', 'modules/fundamentals/lessons/05-innovation-vs-rd.md', 'modules/pcp/case.yaml'],
      selfTest: { wrong: 'Phased PCP has led to first products costing about 30% less.', right: 'Phased PCP has led to first products costing about 20% less.' },
    },
  ],
};

const IP_STATS: Patterns = { ...IP, en: /\b[Ii]nnovation[- ][Pp]artnerships?\b|\bTelles\b/ };
const ipStatistics: Family = {
  id: 'ip-statistics',
  title: 'Innovation partnerships 2016–2022 on TED (Public Buyers Community, 2023; P. Telles)',
  value: { '*': /€\s?(\d+(?:[.,]\d+)?)\s?(billion|bn|milliards?|mil millones|Mrd\.?)|(\d+(?:[.,]\d+)?)\s?(milliards?|mil millones|Mrd\.?)\s?(?:d['’]euros|de euros|€|EUR)/gi },
  parse: (match) => ({ text: match[0], items: [String(amount(match[1] ?? match[3]!, match[2] ?? match[4]) / 1e9)] }),
  maxGap: 80,
  topics: ['pair', 'answer', 'item', 'heading'],
  facts: [
    {
      id: 'ip-value-8-3-bn',
      statement: 'Innovation partnerships 2016–2022: about €8.3 billion in total.',
      expected: 'about €8.3 billion',
      subject: IP_STATS,
      accept: equalsAll('8.3'),
      expectIn: ['modules/ppi/lessons/05-compare.md'],
      selfTest: { wrong: '2016–2022: about €3.8 billion in innovation partnerships.', right: '2016–2022: about €8.3 billion in innovation partnerships.' },
    },
  ],
};
const ipContracts: Family = {
  id: 'ip-contracts',
  title: 'Innovation partnership contracts 2016–2022 (P. Telles)',
  value: { en: /\b(?:about|around|some|roughly|approximately|~)\s+(\d+)\s+(?:innovation[- ]partnership\s+)?contracts\b/gi, fr: /\b(?:environ|quelque)\s+(\d+)\s+(?:contrats|marchés)\b/gi, es: /\b(?:unos|alrededor de|aproximadamente)\s+(\d+)\s+contratos\b/gi },
  parse: (match) => ({ text: match[0], items: [match[1]!] }),
  maxGap: 80,
  topics: ['pair', 'answer', 'item', 'heading'],
  facts: [
    {
      id: 'ip-contracts-172',
      statement: 'Innovation partnerships 2016–2022: about 172 contracts (P. Telles).',
      expected: 'about 172 contracts',
      subject: IP_STATS,
      accept: equalsAll('172'),
      expectIn: ['modules/ppi/lessons/05-compare.md'],
      selfTest: { wrong: 'P. Telles counts about 127 contracts.', right: 'P. Telles counts about 172 contracts.' },
    },
  ],
};
const ipCountries: Family = {
  id: 'ip-countries',
  title: 'Countries using innovation partnerships 2016–2022',
  value: { en: /\b(\d+)\s+(?:of|out of)\s+(\d+)\s+(?:EU|countries|Member)/gi, fr: /\b(\d+)\s+(?:des|sur)\s+(\d+)\s+pays/gi, es: /\b(\d+)\s+de\s+(?:los\s+)?(\d+)\s+pa[íi]ses/gi },
  parse: (match) => ({ text: match[0], items: [`${match[1]}/${match[2]}`] }),
  maxGap: 80,
  topics: ['pair', 'answer', 'item', 'heading'],
  facts: [
    {
      id: 'ip-countries-18-of-30',
      statement: 'Innovation partnerships 2016–2022 were used in 18 of 30 EU/EEA countries.',
      expected: '18 of 30',
      subject: IP_STATS,
      accept: equalsAll('18/30'),
      expectIn: ['modules/ppi/lessons/05-compare.md'],
      selfTest: { wrong: 'Innovation partnerships were used in 17 of 30 EU/EEA countries.', right: 'Innovation partnerships were used in 18 of 30 EU/EEA countries.' },
    },
  ],
};


const FINANCIAL_REGULATION: Patterns = {
  en: /\bFinancial Regulation\b|\bRegulation \(EU, Euratom\)\s?20(?:18\/1046|24\/2509)\b|\b20(?:18\/1046|24\/2509)\b/,
  fr: /règlement financier|\b20(?:18\/1046|24\/2509)\b/i,
  es: /Reglamento Financiero|\b20(?:18\/1046|24\/2509)\b/i,
};
const financialRegulation: Family = {
  id: 'financial-regulation',
  title: 'The EU Financial Regulation: the recast Regulation (EU, Euratom) 2024/2509, applicable since 30 September 2024',
  value: { '*': /\b(2018\/1046|2024\/2509)\b/g },
  parse: (match) => ({ text: match[0], items: [match[1]!] }),
  maxGap: 0,
  topics: [],
  facts: [
    {
      id: 'financial-regulation-2024-2509',
      statement: 'The EU Financial Regulation is the recast Regulation (EU, Euratom) 2024/2509; 2018/1046 only as the replaced text.',
      expected: '2024/2509 (2018/1046 only where the sentence says it was replaced)',
      relevant: () => true,
      accept: (value, context) => value.items.every((item) => item === '2024/2509' || (item === '2018/1046' && SUPERSEDED.test(context.sentence))),
      expectIn: ['modules/fundamentals/lessons/04-innovation-tools.md', 'modules/bso-procurement/lessons/01-rulebooks.md'],
      selfTest: { wrong: 'F4E awards on MEAT (Regulation (EU, Euratom) 2018/1046, Art. 167).', right: 'F4E awards on MEAT (Regulation (EU, Euratom) 2024/2509, Art. 170).' },
    },
  ],
};
const financialRegulationArticles: Family = {
  id: 'financial-regulation-articles',
  title: 'Award under the EU Financial Regulation: Art. 170 of Regulation (EU, Euratom) 2024/2509',
  value: { '*': articleRef },
  parse: articles(),
  core: among([160, 163, 167, 170]),
  maxGap: 40,
  topics: [],
  facts: [
    {
      id: 'financial-regulation-award-170',
      statement: 'Award methods (lowest price, lowest cost, best price-quality ratio) are Art. 170 of Regulation 2024/2509 (Art. 167 of the replaced 2018/1046).',
      expected: 'Art. 170',
      subject: FINANCIAL_REGULATION,
      accept: (value, context) => value.items.every((item) => item === '170' || (item === '167' && SUPERSEDED.test(context.sentence))),
      expectIn: ['modules/fundamentals/lessons/04-innovation-tools.md', 'modules/bso-procurement/lessons/01-rulebooks.md'],
      selfTest: { wrong: 'It awards on MEAT (Regulation (EU, Euratom) 2024/2509, Art. 167).', right: 'It awards on MEAT (Regulation (EU, Euratom) 2024/2509, Art. 170).' },
    },
  ],
};

/** A claim the curriculum must not make, or makes only with its qualification. */
interface ClaimRule {
  id: string;
  title: string;
  statement: string;
  expected: string;
  value: Patterns;
  accept: (context: Context) => boolean;
  expectIn: string[];
  selfTest: Fact['selfTest'];
}
const claim = (rule: ClaimRule): Family => ({
  id: rule.id,
  title: rule.title,
  value: rule.value,
  parse: (match) => ({ text: match[0], items: ['claim'] }),
  maxGap: 0,
  topics: [],
  facts: [{ id: rule.id, statement: rule.statement, expected: rule.expected, relevant: () => true, accept: (_value, context) => rule.accept(context), expectIn: rule.expectIn, selfTest: rule.selfTest }],
});

const cernEligibility = claim({
  id: 'cern-bidders',
  title: 'Who may bid at CERN: firms in Member States, Associate Member States and candidates for accession',
  statement: "CERN's procedures are in principle limited to firms established in the Member States, including Associate Member States and candidates for accession.",
  expected: 'the associate and candidate states named beside the Member States',
  value: { en: /\b(?:in principle|only|limited to|restricted to)\b[^.;]{0,60}\bfirms?\b[^.;]{0,40}\b(?:its |CERN(?:'s)? )?Member States\b/gi },
  accept: (context) => /\bassociate|\bcandidate/i.test(context.sentence),
  expectIn: ['modules/bso-procurement/lessons/01-rulebooks.md', 'modules/market-consultation/lessons/05-bso-practice-ilos-smes.md'],
  selfTest: { wrong: 'Its procedures are in principle limited to firms established in its Member States.', right: 'Its procedures are in principle limited to firms established in its Member States, including Associate Member States and candidates for accession.' },
});

const notIntergovernmental = claim({
  id: 'not-intergovernmental',
  title: 'European XFEL (a German non-profit GmbH) and EUROfusion (a consortium of laboratories) are not intergovernmental organisations',
  statement: 'European XFEL is a non-profit GmbH under German law set up under an intergovernmental Convention; EUROfusion is a consortium of national laboratories; neither is an intergovernmental organisation.',
  expected: 'no "intergovernmental organisation" beside European XFEL or EUROfusion',
  value: {
    en: /\b(?:European XFEL|EuXFEL|EUROfusion)\b[^.;]{0,100}\bintergovernmental (?:research |scientific )?(?:organi[sz]ations?|bod(?:y|ies))\b|\bintergovernmental (?:research |scientific )?(?:organi[sz]ations?|bod(?:y|ies))\b[^.;]{0,100}\b(?:European XFEL|EuXFEL|EUROfusion)\b/gi,
    fr: /\b(?:European XFEL|EUROfusion)\b[^.;]{0,100}\borganisations? intergouvernementales?\b|\borganisations? intergouvernementales?\b[^.;]{0,100}\b(?:European XFEL|EUROfusion)\b/gi,
    es: /\b(?:European XFEL|EUROfusion)\b[^.;]{0,100}\borganizaci(?:ón|ones) intergubernamental(?:es)?\b|\borganizaci(?:ón|ones) intergubernamental(?:es)?\b[^.;]{0,100}\b(?:European XFEL|EUROfusion)\b/gi,
  },
  accept: (context) => /\bnot\b|\bno es\b|\bn'est pas\b/i.test(context.sentence),
  expectIn: ['modules/bso-procurement/lessons/01-rulebooks.md'],
  selfTest: { wrong: 'EIROforum brings together eight intergovernmental research organisations: CERN, EMBL, ESA, ESO, ESRF, EUROfusion, European XFEL and ILL.', right: 'European XFEL is not an intergovernmental organisation like CERN.' },
});

const euxfelRegime = claim({
  id: 'european-xfel-regime',
  title: "European XFEL's award rules: not settled in the course's sources; a case may assume German law for the exercise",
  statement: 'Which award rules bind European XFEL GmbH (German GWB/VgV or rules of its own) is not settled here; a case may assume German procurement law for the exercise.',
  expected: 'German law (GWB/VgV) only as an assumption of the exercise, never "its own rules" as a fact',
  value: {
    en: /\b(?:European XFEL|EuXFEL)\b[^.;]{0,120}\b(?:own (?:procurement |purchasing |tendering )?(?:rules|procedures|policy)|GWB|VgV|German (?:public )?procurement law)\b|\b(?:GWB|VgV|German (?:public )?procurement law)\b[^.;]{0,120}\b(?:European XFEL|EuXFEL)\b/gi,
  },
  accept: (context) => /\bassum|\bfor the (?:exercise|case|scenario)\b|\bnot settled\b|\bcheck\b|\bwhether\b|\bnot\b/i.test(context.sentence),
  expectIn: ['modules/dialogue-negotiation/case.yaml'],
  selfTest: { wrong: 'European XFEL applies its own procurement rules, like CERN.', right: 'The scenario assumes, for the exercise, that German procurement law (GWB/VgV) applies to European XFEL.' },
});

const alignmentRule: Family = {
  id: 'cern-alignment',
  title: "CERN's alignment rule: above CHF 100,000, on awards to the lowest compliant price",
  value: {
    en: /(\babove|\bover|\bexceed(?:s|ing)?|\bbelow|\bunder|\bmore than|\bless than|\bfrom|→)\s+CHF\s?(\d{1,3}(?:[,'’ ]\d{3})+|\d+)(\s?(?:k|million|m)\b)?/gi,
  },
  parse: (match) => ({ text: match[0], items: [String(amount(match[2]!, match[3]?.trim()))] }),
  maxGap: 80,
  topics: ['table', 'glossary', 'pair', 'answer'],
  facts: [
    {
      id: 'cern-alignment-chf-100000',
      statement: "CERN's alignment rule applies to contracts above CHF 100,000 awarded on the lowest compliant price.",
      expected: 'CHF 100,000',
      subject: { en: /\balignment rule\b/i },
      accept: equalsAll('100000'),
      expectIn: ['modules/bso-procurement/lessons/03-industrial-return.md'],
      selfTest: { wrong: 'The alignment rule applies above CHF 200,000.', right: 'The alignment rule applies above CHF 100,000.' },
    },
  ],
};

export const FAMILIES: Family[] = [
  thresholds,
  articlesOfProcedures,
  grounds,
  groundSubpoints,
  consultation,
  rdExemption,
  directiveTools,
  timeLimits,
  standstill,
  frameworkDuration,
  candidates,
  threshold_dates,
  delegatedRegs,
  commissionDocs,
  ojDocs,
  frameworkPoint,
  frameworkSection,
  financialRegulation,
  financialRegulationArticles,
  cernEligibility,
  notIntergovernmental,
  euxfelRegime,
  alignmentRule,
  cern,
  pcpCost,
  ipStatistics,
  ipContracts,
  ipCountries,
];
