import { describe, expect, it } from 'vitest';
import { analyseCase, bestChoices, walkPath } from '../../core/case/case-graph.ts';
import { caseSchema } from '../../core/content/schema.ts';

const choice = (id: string, next: string, points = 0, best = false) => ({ id, label: id, consequence: 'c', feedback: 'f', points, best, next });
const exercise = caseSchema.parse({
  id: 'case', title: 'Case', intro: 'i', debrief: 'd', start: 'd1',
  nodes: [
    { id: 'd1', type: 'decision', title: 'D1', text: 't', choices: [choice('a', 'd2', 0), choice('b', 'd2', 10, true), choice('c', 'recover', 0)] },
    { id: 'recover', type: 'decision', title: 'R', text: 't', choices: [choice('a', 'mixed', 5, true), choice('b', 'poor', 0)] },
    { id: 'd2', type: 'decision', title: 'D2', text: 't', choices: [choice('a', 'good', 10, true), choice('b', 'mixed', 2)] },
    { id: 'good', type: 'ending', title: 'Good', text: 't', outcome: 'good' },
    { id: 'mixed', type: 'ending', title: 'Mixed', text: 't', outcome: 'mixed' },
    { id: 'poor', type: 'ending', title: 'Poor', text: 't', outcome: 'poor' },
  ],
});

describe('case graph', () => {
  it('walks a learner path, adding points and finding the ending', () => {
    const walked = walkPath(exercise, [2, 0]);
    expect(walked.steps.map((s) => s.node.id)).toEqual(['d1', 'recover']);
    expect(walked.points).toBe(5);
    expect(walked.ending?.id).toBe('mixed');
  });

  it('stops at the current decision for a partial path', () => {
    const walked = walkPath(exercise, [1]);
    expect(walked.current?.id).toBe('d2');
    expect(walked.ending).toBeUndefined();
  });

  it('follows the best choices to the best ending', () => {
    expect(bestChoices(exercise)).toEqual([1, 0]);
    expect(walkPath(exercise, bestChoices(exercise)).ending?.outcome).toBe('good');
  });

  it('analyses a sound graph: no dangling choices, all reachable, max points and depth', () => {
    const analysis = analyseCase(exercise);
    expect(analysis).toMatchObject({ danglingChoices: [], unreachable: [], startMissing: false, endings: 3, maxPoints: 20, longestPath: 2 });
    expect(analysis.cycleAt).toBeUndefined();
  });

  it('finds loops, dead ends and unreachable nodes', () => {
    const broken = {
      ...exercise,
      nodes: exercise.nodes.map((n) =>
        n.id === 'd2' && n.type === 'decision' ? { ...n, choices: [{ ...n.choices[0]!, next: 'd1' }, { ...n.choices[1]!, next: 'nowhere' }] } : n,
      ),
    };
    const analysis = analyseCase(broken);
    expect(analysis.cycleAt).toBeDefined();
    expect(analysis.danglingChoices).toEqual([['d2', 'b', 'nowhere']]);
    expect(analysis.unreachable).toEqual(['good']);
  });
});
