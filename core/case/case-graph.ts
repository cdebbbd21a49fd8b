/**
 * The branching scenario as a graph: walking a learner's path, the best path, and the structural
 * analysis the content check relies on (reachability, dead ends, cycles).
 */
import type { CaseExercise, CaseNode, DecisionNode, EndingNode } from '../content/schema.ts';

export interface PathStep {
  node: DecisionNode;
  choiceIndex: number;
}

export interface WalkedPath {
  steps: PathStep[];
  /** The node the learner is at now: the next decision, or the ending. */
  current: CaseNode | undefined;
  ending?: EndingNode;
  points: number;
}

export function nodeMap(exercise: CaseExercise): Map<string, CaseNode> {
  return new Map(exercise.nodes.map((n) => [n.id, n]));
}

/** Follows the learner's choices (indices at each decision) from the start node. */
export function walkPath(exercise: CaseExercise, choices: readonly number[]): WalkedPath {
  const nodes = nodeMap(exercise);
  const steps: PathStep[] = [];
  let current = nodes.get(exercise.start);
  let points = 0;
  for (const choiceIndex of choices) {
    if (!current || current.type !== 'decision') break;
    const choice = current.choices[choiceIndex];
    if (!choice) break;
    steps.push({ node: current, choiceIndex });
    points += choice.points;
    current = nodes.get(choice.next);
  }
  return { steps, current, points, ...(current?.type === 'ending' ? { ending: current } : {}) };
}

/** The path that takes the best choice at every decision. */
export function bestChoices(exercise: CaseExercise): number[] {
  const nodes = nodeMap(exercise);
  const choices: number[] = [];
  let current = nodes.get(exercise.start);
  const seen = new Set<string>();
  while (current?.type === 'decision' && !seen.has(current.id)) {
    seen.add(current.id);
    const best = Math.max(0, current.choices.findIndex((c) => c.best));
    choices.push(best);
    current = nodes.get(current.choices[best]!.next);
  }
  return choices;
}

export interface CaseAnalysis {
  /** Choices whose `next` names no node: [node id, choice id, missing id]. */
  danglingChoices: [string, string, string][];
  unreachable: string[];
  /** A node id on a cycle, if any. */
  cycleAt?: string;
  startMissing: boolean;
  endings: number;
  /** Most points any path can earn. */
  maxPoints: number;
  /** Most decisions any path can take. */
  longestPath: number;
}

export function analyseCase(exercise: CaseExercise): CaseAnalysis {
  const nodes = nodeMap(exercise);
  const danglingChoices: [string, string, string][] = [];
  for (const node of exercise.nodes) {
    if (node.type !== 'decision') continue;
    for (const c of node.choices) if (!nodes.has(c.next)) danglingChoices.push([node.id, c.id, c.next]);
  }
  const reachable = new Set<string>();
  const stack = nodes.has(exercise.start) ? [exercise.start] : [];
  while (stack.length) {
    const id = stack.pop()!;
    if (reachable.has(id)) continue;
    reachable.add(id);
    const node = nodes.get(id);
    if (node?.type === 'decision') for (const c of node.choices) if (nodes.has(c.next)) stack.push(c.next);
  }

  // Depth-first search with colours finds cycles; memoised best points and depth per node.
  const state = new Map<string, 'visiting' | 'done'>();
  const best = new Map<string, { points: number; depth: number }>();
  let cycleAt: string | undefined;
  const visit = (id: string): { points: number; depth: number } => {
    const node = nodes.get(id);
    if (!node || node.type === 'ending') return { points: 0, depth: 0 };
    if (state.get(id) === 'visiting') {
      cycleAt ??= id;
      return { points: 0, depth: 0 };
    }
    const known = best.get(id);
    if (known) return known;
    state.set(id, 'visiting');
    let points = 0;
    let depth = 0;
    for (const c of node.choices) {
      const below = visit(c.next);
      points = Math.max(points, c.points + below.points);
      depth = Math.max(depth, 1 + below.depth);
    }
    state.set(id, 'done');
    const result = { points, depth };
    best.set(id, result);
    return result;
  };
  const fromStart = visit(exercise.start);
  for (const node of exercise.nodes) visit(node.id);

  return {
    danglingChoices,
    unreachable: exercise.nodes.filter((n) => !reachable.has(n.id)).map((n) => n.id),
    ...(cycleAt ? { cycleAt } : {}),
    startMissing: !nodes.has(exercise.start),
    endings: exercise.nodes.filter((n) => n.type === 'ending').length,
    maxPoints: fromStart.points,
    longestPath: fromStart.depth,
  };
}
