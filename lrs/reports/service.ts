/**
 * The reports: aggregations from the report store (run in the database) turned into the figures
 * the dashboard shows, with activity names from the stored activity definitions. Knows nothing of
 * HTTP; the routes give it a filter already narrowed to what the viewer may see.
 */
import type { LrsBackend } from '../storage/backend.ts';
import type { GainSums, OutcomeRow, PageRequest, ReportFilter } from '../storage/report-store.ts';
import type { CommentSort, LearnerSort, ProgrammeSort, SortDirection } from '../contracts/paging.ts';
import type { CaseReport, Dimensions, FeedbackReport, FunnelStep, GainFigures, GainReport, ItemReport, LearnerReport, ModuleReport, Outcome, OverviewReport } from '../contracts/report-types.ts';
import type { ProgrammeReport } from '../contracts/programme.ts';
import { facility, itemFlags, meanWithInterval, normalisedGain, pointBiserial } from './statistics.ts';
import { pseudonym } from '../storage/pseudonym.ts';

type Json = Record<string, any>;

/** A language map's text: English when there is some, else the first. */
function text(map: unknown): string {
  if (!map || typeof map !== 'object') return '';
  const entries = Object.entries(map as Record<string, unknown>);
  const english = entries.find(([tag]) => tag.toLowerCase() === 'en' || tag.toLowerCase().startsWith('en-'));
  return String((english ?? entries[0])?.[1] ?? '');
}

/** A stable pseudonym for a learner key: the same learner always gets the same one. */
export { pseudonym };

/**
 * An xAPI response in words: matching pairs ("source[.]target[,]...") and sequences
 * ("item[,]item") with the descriptions the activity definition gives; other responses as sent.
 */
export function responseLabel(definition: Json, response: string): string {
  const described = (list: unknown) => new Map(((Array.isArray(list) ? list : []) as Json[]).map((c) => [String(c.id), text(c.description) || String(c.id)]));
  if (definition.interactionType === 'matching') {
    const [sources, targets] = [described(definition.source), described(definition.target)];
    return response
      .split('[,]')
      .map((pair) => {
        const [source = '', target = ''] = pair.split('[.]');
        return `${sources.get(source) ?? source} → ${targets.get(target) ?? target}`;
      })
      .join('; ');
  }
  if (definition.interactionType === 'sequencing') {
    const choices = described(definition.choices);
    return response.split('[,]').map((id) => choices.get(id) ?? id).join(' → ');
  }
  return response;
}

/** Rows fetched per query when an export streams a whole table. */
const EXPORT_BATCH = 1000;

/** Which page of a growing table, sorted how, searched for what (as the route checked it). */
export interface PageOptions<Sort extends string> {
  page: number;
  pageSize: number;
  sort: Sort;
  dir: SortDirection;
  q: string;
}

export interface LearnerOptions extends PageOptions<LearnerSort> {
  stuckDays: number;
  asOf: Date;
  /** Whether the viewer may see names (and so search and sort by them). */
  names: boolean;
  onlyStuck: boolean;
}

/** The store's page request for a page of the options. */
function pageRequest<Sort extends string>(options: PageOptions<Sort>, names: boolean): PageRequest<Sort> {
  const request: PageRequest<Sort> = { offset: (options.page - 1) * options.pageSize, limit: options.pageSize, sort: options.sort, descending: options.dir === 'desc', searchNames: names };
  if (options.q) request.search = options.q;
  return request;
}

/** Every page of a table, one query per batch, for an export. */
async function* everyPage<Row>(fetch: (page: number, pageSize: number) => Promise<{ rows: Row[] }>): AsyncGenerator<Row[]> {
  for (let page = 1; ; page++) {
    const { rows } = await fetch(page, EXPORT_BATCH);
    if (rows.length) yield rows;
    if (rows.length < EXPORT_BATCH) return;
  }
}

/** Versions in order: 1.2.0 before 1.10.0; unknown (statements without a version) first. */
function compareVersions(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a.localeCompare(b, 'en', { numeric: true });
}

const ratio = (part: number, whole: number) => (whole ? part / whole : null);
const percent = (scaled: number | null) => (scaled === null ? null : Math.round(scaled * 1000) / 10);
const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 6000) / 10);

/** A group's gain figures from its sums: means over the learners below the ceiling. */
function gainFigures(sums: GainSums): GainFigures {
  const { mean, sd, ci } = meanWithInterval({ n: sums.n, sum: sums.sumGain, sumSquares: sums.sumGainSquares });
  return {
    learners: sums.learners,
    atCeiling: sums.learners - sums.n,
    n: sums.n,
    meanPre: sums.n ? sums.sumPre / sums.n : null,
    meanPost: sums.n ? sums.sumPost / sums.n : null,
    gain: mean,
    sd,
    ci,
  };
}

export class ReportService {
  constructor(private readonly backend: Pick<LrsBackend, 'reports'>) {}

  private get store() {
    return this.backend.reports;
  }

  private async definitions(filter: ReportFilter, ids: string[]): Promise<Map<string, Json>> {
    const stored = await this.store.activityDefinitions(filter, [...new Set(ids)]);
    return new Map([...stored].map(([id, json]) => [id, (JSON.parse(json) as Json).definition ?? {}]));
  }

  /** Module names as the filter's organisations' statements gave them (the IRI where none did). */
  async moduleNames(filter: ReportFilter, ids: string[]): Promise<Map<string, string>> {
    const definitions = await this.definitions(filter, ids);
    return new Map(ids.map((id) => [id, text(definitions.get(id)?.name) || id]));
  }

  async dimensions(filter: ReportFilter): Promise<Dimensions> {
    const { modules, orgs, languages } = await this.store.dimensions(filter);
    const names = await this.moduleNames(filter, modules);
    return { modules: modules.map((id) => ({ id, name: names.get(id)! })).sort((a, b) => a.name.localeCompare(b.name)), orgs, languages };
  }

  async overview(filter: ReportFilter): Promise<OverviewReport> {
    const { outcomes, trend } = await this.store.overview(filter);
    const [all, modules, matrix] = (['all', 'module', 'module-org'] as const).map((g) => outcomes.filter((o) => o.groupBy === g));
    const names = await this.moduleNames(filter, modules!.map((m) => m.moduleId!));
    const outcome = (row: OutcomeRow): Outcome => ({
      moduleId: row.moduleId,
      moduleName: row.moduleId ? (names.get(row.moduleId) ?? row.moduleId) : null,
      org: row.org,
      learners: row.learners,
      completed: row.completed,
      completionRate: ratio(row.completed, row.learners),
      passed: row.passed,
      scored: row.scored,
      passRate: ratio(row.passed, row.scored),
      averageScore: percent(row.averageScore),
      medianScore: percent(row.medianScore),
      medianCompleteMinutes: minutes(row.medianCompleteMs),
    });
    const empty: OutcomeRow = { moduleId: null, org: null, learners: 0, completed: 0, passed: 0, scored: 0, averageScore: null, medianScore: null, medianCompleteMs: null };
    return { totals: outcome(all![0] ?? empty), modules: modules!.map(outcome), matrix: matrix!.map(outcome), trend };
  }

  async module(filter: ReportFilter & { moduleId: string }): Promise<ModuleReport> {
    const [stages, lessons, histogram, time, names] = await Promise.all([
      this.store.stages(filter),
      this.store.reached(filter, 'lesson'),
      this.store.scoreHistogram(filter),
      this.store.sessionTimes(filter),
      this.moduleNames(filter, [filter.moduleId]),
    ]);
    // Learners only drop out along the way, so lessons reached by more learners come earlier.
    lessons.sort((a, b) => b.learners - a.learners || a.activityId.localeCompare(b.activityId));
    const lessonNames = await this.definitions(filter, lessons.map((l) => l.activityId));
    const steps: Omit<FunnelStep, 'lost'>[] = [
      { label: 'Started the module', step: { kind: 'started' }, learners: stages.started },
      ...lessons.map((l, i) => {
        const name = text(lessonNames.get(l.activityId)?.name) || l.activityId;
        return { label: `Lesson ${i + 1}: ${name}`, step: { kind: 'lesson' as const, number: i + 1, name }, learners: l.learners };
      }),
      { label: 'Answered the quiz', step: { kind: 'quiz' }, learners: stages.quiz },
      { label: 'Started the case exercise', step: { kind: 'case' }, learners: stages.caseStarted },
      { label: 'Completed the module', step: { kind: 'completed' }, learners: stages.completed },
    ];
    const funnel = steps.map((step, i) => ({ ...step, lost: i === 0 ? 0 : Math.max(0, steps[i - 1]!.learners - step.learners) }));
    const worst = funnel.reduce((max, step, i) => (step.lost > (funnel[max]?.lost ?? 0) ? i : max), 0);
    return {
      moduleId: filter.moduleId,
      moduleName: names.get(filter.moduleId)!,
      funnel,
      dropOff: funnel[worst]!.lost > 0 ? funnel[worst - 1]!.label : null,
      histogram: histogram.map((learners, i) => ({ band: i === 9 ? '90-100%' : `${i * 10}-${i * 10 + 9}%`, learners })),
      time: { learners: time.learners, medianMinutes: minutes(time.medianMs), p75Minutes: minutes(time.p75Ms), averageMinutes: minutes(time.averageMs) },
    };
  }

  async items(filter: ReportFilter & { moduleId: string }): Promise<ItemReport> {
    const [byVersion, responses, names] = await Promise.all([this.store.itemSums(filter, true), this.store.responses(filter, 'question'), this.moduleNames(filter, [filter.moduleId])]);
    const versions = [...new Set(byVersion.map((v) => v.version ?? null))].sort(compareVersions);
    // One query: the sums are per learner, so each question's totals are its versions' added up
    // (a learner who answered in two versions counts once in each).
    const sums = [...new Set(byVersion.map((v) => v.activityId))].map((activityId) =>
      byVersion
        .filter((v) => v.activityId === activityId)
        .reduce((t, v) => ({ activityId, answers: t.answers + v.answers, correct: t.correct + v.correct, n: t.n + v.n, sumX: t.sumX + v.sumX, sumY: t.sumY + v.sumY, sumXY: t.sumXY + v.sumXY, sumYY: t.sumYY + v.sumYY }), {
          activityId, answers: 0, correct: 0, n: 0, sumX: 0, sumY: 0, sumXY: 0, sumYY: 0,
        }),
    );
    const definitions = await this.definitions(filter, sums.map((s) => s.activityId));
    const items = sums.map((sum) => {
      const definition = definitions.get(sum.activityId) ?? {};
      const type = String(definition.interactionType ?? 'other');
      const correctPatterns = new Set<string>((definition.correctResponsesPattern ?? []).map(String));
      const counted = responses.filter((r) => r.activityId === sum.activityId);
      let options: ItemReport['items'][number]['options'] = [];
      let topResponses: ItemReport['items'][number]['responses'] = [];
      if (type === 'choice' && Array.isArray(definition.choices)) {
        const correctIds = new Set([...correctPatterns].flatMap((p) => p.split('[,]')));
        options = definition.choices.map((c: Json) => ({
          id: String(c.id),
          label: text(c.description),
          chosen: counted.filter((r) => r.response.split('[,]').includes(String(c.id))).reduce((s, r) => s + r.count, 0),
          correct: correctIds.has(String(c.id)),
        }));
      } else if (type === 'true-false') {
        options = ['true', 'false'].map((id) => ({ id, label: id, chosen: counted.find((r) => r.response === id)?.count ?? 0, correct: correctPatterns.has(id) }));
      } else {
        topResponses = counted.slice(0, 5).map((r) => ({ response: r.response, label: responseLabel(definition, r.response), count: r.count, correct: correctPatterns.has(r.response) }));
      }
      const facilityValue = facility(sum);
      const discrimination = pointBiserial(sum);
      return {
        activityId: sum.activityId,
        question: text(definition.name) || sum.activityId,
        interactionType: type,
        answers: sum.answers,
        facility: facilityValue,
        discrimination,
        flags: itemFlags(facilityValue, discrimination, sum.answers),
        options,
        responses: topResponses,
        versions:
          versions.length > 1
            ? byVersion
                .filter((v) => v.activityId === sum.activityId)
                .sort((a, b) => compareVersions(a.version ?? null, b.version ?? null))
                .map((v) => ({ version: v.version ?? null, answers: v.answers, facility: facility(v), discrimination: pointBiserial(v) }))
            : [],
      };
    });
    return { moduleId: filter.moduleId, moduleName: names.get(filter.moduleId)!, items, versions };
  }

  /**
   * The learning gain of a module: per learner (post − pre) / (100 − pre) of their pre-check and
   * their first quiz attempt on the same items, averaged over the module, each partner and each
   * language with a 95% confidence interval; and item by item. A module without a pre-check (or
   * whose pre-check nobody took in the filters) gives empty figures.
   */
  async gain(filter: ReportFilter & { moduleId: string }): Promise<GainReport> {
    const [rows, names] = await Promise.all([this.store.gainSums(filter), this.moduleNames(filter, [filter.moduleId])]);
    const definitions = await this.definitions(filter, rows.items.map((i) => i.activityId));
    return {
      moduleId: filter.moduleId,
      moduleName: names.get(filter.moduleId)!,
      precheckLearners: rows.precheckLearners,
      overall: gainFigures(rows.overall),
      orgs: rows.orgs.map(({ org, ...sums }) => ({ org, ...gainFigures(sums) })),
      languages: rows.languages.map(({ language, ...sums }) => ({ language, ...gainFigures(sums) })),
      items: rows.items.map((item) => {
        const preFacility = ratio(item.preCorrect, item.learners);
        const postFacility = ratio(item.postCorrect, item.learners);
        return {
          activityId: item.activityId,
          question: text(definitions.get(item.activityId)?.name) || item.activityId,
          learners: item.learners,
          preFacility,
          postFacility,
          gain: preFacility === null || postFacility === null ? null : normalisedGain(preFacility, postFacility, 1),
        };
      }),
    };
  }

  async caseExercise(filter: ReportFilter & { moduleId: string }): Promise<CaseReport> {
    const [reached, responses, { paths, learners }, names] = await Promise.all([
      this.store.reached(filter, 'case-decision'),
      this.store.responses(filter, 'case-decision'),
      this.store.casePaths(filter, 10),
      this.moduleNames(filter, [filter.moduleId]),
    ]);
    const definitions = await this.definitions(filter, reached.map((r) => r.activityId));
    const bestOf = (id: string) => String((definitions.get(id)?.correctResponsesPattern ?? [])[0] ?? '');
    const choiceLabel = (id: string, choice: string) => text((definitions.get(id)?.choices ?? []).find((c: Json) => String(c.id) === choice)?.description) || choice;
    const decisions = [...reached]
      .sort((a, b) => b.learners - a.learners || a.activityId.localeCompare(b.activityId))
      .map((r) => ({
        activityId: r.activityId,
        title: text(definitions.get(r.activityId)?.name) || r.activityId,
        reached: r.learners,
        choices: ((definitions.get(r.activityId)?.choices ?? []) as Json[]).map((c) => ({
          id: String(c.id),
          label: text(c.description),
          chosen: responses.find((x) => x.activityId === r.activityId && x.response === String(c.id))?.count ?? 0,
          best: bestOf(r.activityId) === String(c.id),
        })),
      }));
    return {
      moduleId: filter.moduleId,
      moduleName: names.get(filter.moduleId)!,
      learners,
      decisions,
      paths: paths.map((p) => {
        const steps = p.path.split(' > ').map((step) => {
          const at = step.lastIndexOf('=');
          const [id, choice] = [step.slice(0, at), step.slice(at + 1)];
          return { decision: text(definitions.get(id)?.name) || id, choice: choiceLabel(id, choice), best: bestOf(id) === choice };
        });
        return { steps, learners: p.learners, best: steps.every((s) => s.best) };
      }),
    };
  }

  /** The survey's items answered in the filter, their definitions, and which take free text. */
  private async survey(filter: ReportFilter) {
    const responses = await this.store.responses(filter, 'survey');
    const definitions = await this.definitions(filter, responses.map((r) => r.activityId));
    const ids = [...new Set(responses.map((r) => r.activityId))].sort();
    const isScale = (id: string) => definitions.get(id)?.interactionType === 'likert';
    const prompt = (id: string) => text(definitions.get(id)?.name) || id;
    const comments = async (page: PageOptions<CommentSort>) => {
      const found = await this.store.comments({ ...filter, activityIds: ids.filter((id) => !isScale(id)) }, pageRequest(page, false));
      const rows: FeedbackReport['comments'] = found.rows.map((c) => ({ prompt: prompt(c.activityId), text: c.text, date: c.timestamp.slice(0, 10), org: c.org, language: c.language }));
      return { rows, total: found.total };
    };
    return { responses, definitions, ids, isScale, prompt, comments };
  }

  async feedback(filter: ReportFilter, commentPage: PageOptions<CommentSort>): Promise<FeedbackReport> {
    const { responses, definitions, ids, isScale, prompt, comments: commentsOf } = await this.survey(filter);
    const answersTo = (id: string) => responses.filter((r) => r.activityId === id);
    const total = (counted: typeof responses) => counted.reduce((s, r) => s + r.count, 0);
    const items = ids.filter(isScale).map((id) => {
      const counted = answersTo(id);
      const values = ((definitions.get(id)?.scale ?? []) as Json[]).map((s) => String(s.id));
      const scale = values.length ? values : [...new Set(counted.map((r) => r.response))].sort();
      const numeric = counted.filter((r) => Number.isFinite(Number(r.response)));
      const sum = numeric.reduce((s, r) => s + Number(r.response) * r.count, 0);
      const numericTotal = numeric.reduce((s, r) => s + r.count, 0);
      return {
        activityId: id,
        prompt: prompt(id),
        responses: total(counted),
        average: numericTotal ? Math.round((sum / numericTotal) * 100) / 100 : null,
        distribution: scale.map((value) => ({ value, count: counted.find((r) => r.response === value)?.count ?? 0 })),
      };
    });
    const commentItems = ids
      .filter((id) => !isScale(id))
      .map((id) => ({ activityId: id, prompt: prompt(id), comments: total(answersTo(id)) }));
    const comments = await commentsOf(commentPage);
    return { moduleId: filter.moduleId ?? null, items, commentItems, comments: comments.rows, commentPage: { ...commentPage, total: comments.total } };
  }

  /** Every comment of the filter and search, in the chosen order, a batch at a time. */
  async *allComments(filter: ReportFilter, options: Omit<PageOptions<CommentSort>, 'page' | 'pageSize'>): AsyncGenerator<FeedbackReport['comments']> {
    const { comments } = await this.survey(filter);
    for await (const rows of everyPage((page, pageSize) => comments({ ...options, page, pageSize }))) yield rows;
  }

  /** @param known lessons and names per module already read (an export's batches share them). */
  async learners(filter: ReportFilter, options: LearnerOptions, known = { lessonsTotals: new Map<string, number>(), names: new Map<string, string>() }): Promise<LearnerReport> {
    const { lessonsTotals } = known;
    const stuckBefore = new Date(options.asOf.getTime() - options.stuckDays * 86_400_000).toISOString();
    const found = await this.store.learners(filter, { ...pageRequest(options, options.names), stuckBefore, onlyStuck: options.onlyStuck });
    const modules = [...new Set(found.rows.map((r) => r.moduleId))];
    const unknown = modules.filter((id) => !lessonsTotals.has(id));
    // The lessons of a module: every lesson any learner of the viewer's organisations has seen.
    if (unknown.length) for (const [id, n] of await this.store.lessonsSeen({ ...(filter.orgs ? { orgs: filter.orgs } : {}) }, unknown)) lessonsTotals.set(id, n);
    const unnamed = modules.filter((id) => !known.names.has(id));
    if (unnamed.length) for (const [id, name] of await this.moduleNames(filter, unnamed)) known.names.set(id, name);
    const names = known.names;
    return {
      stuckDays: options.stuckDays,
      asOf: options.asOf.toISOString(),
      namesShown: options.names,
      onlyStuck: options.onlyStuck,
      stuck: found.stuck,
      paging: { page: options.page, pageSize: options.pageSize, total: found.total, sort: options.sort, dir: options.dir, q: options.q },
      learners: found.rows.map((r) => ({
        learner: r.pseudonym,
        name: options.names ? r.learnerName : null,
        org: r.org,
        moduleId: r.moduleId,
        moduleName: names.get(r.moduleId) ?? r.moduleId,
        lessons: r.lessons,
        lessonsTotal: Math.max(lessonsTotals.get(r.moduleId) ?? 0, r.lessons),
        status: r.completed ? 'completed' : r.passed ? 'passed' : r.failed ? 'failed' : 'in progress',
        score: percent(r.bestScore),
        lastActivity: r.last,
        stuck: !r.completed && r.last < stuckBefore,
      })),
    };
  }

  /** Every row of the learner table for the filter and search, in the chosen order, a batch at a time. */
  async *allLearners(filter: ReportFilter, options: Omit<LearnerOptions, 'page' | 'pageSize'>): AsyncGenerator<LearnerReport['learners']> {
    const known = { lessonsTotals: new Map<string, number>(), names: new Map<string, string>() };
    for await (const rows of everyPage((page, pageSize) => this.learners(filter, { ...options, page, pageSize }, known).then((r) => ({ rows: r.learners })))) yield rows;
  }

  /** The modules and sessions the programme takes: as configured, or every module learners started. */
  async programmeRequirements(programme: { modules?: string[]; sessions: number }): Promise<{ modules: string[]; sessions: number }> {
    return { modules: programme.modules ?? (await this.store.allModules()), sessions: programme.sessions };
  }

  /** One page of the programme's learners, as the report and the export show them. */
  private async programmePage(filter: Pick<ReportFilter, 'orgs'>, required: { modules: string[]; sessions: number }, options: PageOptions<ProgrammeSort> & { names: boolean }) {
    const found = await this.store.programme(filter, { ...pageRequest(options, options.names), modules: required.modules, sessions: required.sessions });
    const complete = (r: { modulesPassed: number; sessions: number }) => r.modulesPassed >= required.modules.length && r.sessions >= required.sessions;
    const learners: ProgrammeReport['learners'] = found.rows.map((r) => ({
      learner: r.pseudonym,
      name: options.names ? r.learnerName : null,
      org: r.org,
      modulesPassed: r.modulesPassed,
      sessions: r.sessions,
      complete: complete(r),
      lastActivity: r.last,
    }));
    return { ...found, learners };
  }

  async programme(filter: Pick<ReportFilter, 'orgs'>, programme: { modules?: string[]; sessions: number }, options: PageOptions<ProgrammeSort> & { names: boolean }): Promise<ProgrammeReport> {
    const required = await this.programmeRequirements(programme);
    const [found, byOrg, names] = await Promise.all([
      this.programmePage(filter, required, options),
      this.store.programmeByOrg(filter, required.modules, required.sessions),
      this.moduleNames({ ...(filter.orgs ? { orgs: filter.orgs } : {}) }, required.modules),
    ]);
    return {
      required: { modules: required.modules.map((id) => ({ id, name: names.get(id) ?? id })), sessions: required.sessions },
      namesShown: options.names,
      complete: found.complete,
      paging: { page: options.page, pageSize: options.pageSize, total: found.total, sort: options.sort, dir: options.dir, q: options.q },
      learners: found.learners,
      orgs: byOrg.map((o) => ({ ...o, rate: ratio(o.complete, o.learners) })),
    };
  }

  /** Every learner's programme row for the search, in the chosen order, a batch at a time (the requirements read once). */
  async *allProgramme(
    filter: Pick<ReportFilter, 'orgs'>,
    programme: { modules?: string[]; sessions: number },
    options: Omit<PageOptions<ProgrammeSort>, 'page' | 'pageSize'> & { names: boolean },
  ): AsyncGenerator<ProgrammeReport['learners']> {
    const required = await this.programmeRequirements(programme);
    for await (const rows of everyPage((page, pageSize) => this.programmePage(filter, required, { ...options, page, pageSize }).then((r) => ({ rows: r.learners })))) yield rows;
  }
}
