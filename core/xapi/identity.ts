/**
 * Identity in xAPI: the canonical key of an Agent or Group (its inverse functional identifier),
 * and every agent and activity a statement mentions, for the query indexes.
 */
type Json = Record<string, any>;

/** One string per identity: mbox, mbox_sha1sum, openid or account. Undefined for anonymous groups. */
export function agentKey(actor: Json | undefined): string | undefined {
  if (!actor) return undefined;
  if (typeof actor.mbox === 'string') return `mbox:${actor.mbox.toLowerCase()}`;
  if (typeof actor.mbox_sha1sum === 'string') return `mbox_sha1sum:${actor.mbox_sha1sum.toLowerCase()}`;
  if (typeof actor.openid === 'string') return `openid:${actor.openid}`;
  if (actor.account && typeof actor.account === 'object') return `account:${actor.account.homePage}|${actor.account.name}`;
  return undefined;
}

/** An actor's keys: its own, and its members' for a Group (a member's query finds the group's statements). */
function actorKeys(actor: Json | undefined): string[] {
  if (!actor) return [];
  const own = agentKey(actor);
  const members: string[] = Array.isArray(actor.member) ? actor.member.map((m: Json) => agentKey(m)).filter((k: string | undefined): k is string => !!k) : [];
  return [...(own ? [own] : []), ...members];
}

export interface StatementIndex {
  agents: { key: string; relation: 'actor' | 'object' | 'related' }[];
  activities: { id: string; relation: 'object' | 'related' }[];
}

/** What the agent, activity, related_agents and related_activities filters match on. */
export function indexStatement(statement: Json): StatementIndex {
  const agents = new Map<string, 'actor' | 'object' | 'related'>();
  const activities = new Map<string, 'object' | 'related'>();
  const addAgents = (actor: Json | undefined, relation: 'actor' | 'object' | 'related') => {
    for (const key of actorKeys(actor)) if (!agents.has(key) || relation !== 'related') agents.set(key, agents.get(key) === 'actor' ? 'actor' : relation);
  };
  const addActivity = (activity: Json | undefined, relation: 'object' | 'related') => {
    if (activity && typeof activity.id === 'string' && (activity.objectType ?? 'Activity') === 'Activity') {
      if (!activities.has(activity.id) || relation === 'object') activities.set(activity.id, relation);
    }
  };
  const walkContext = (context: Json | undefined) => {
    if (!context) return;
    addAgents(context.instructor, 'related');
    addAgents(context.team, 'related');
    for (const entry of context.contextAgents ?? []) addAgents(entry.agent, 'related');
    for (const entry of context.contextGroups ?? []) addAgents(entry.group, 'related');
    for (const list of Object.values(context.contextActivities ?? {})) {
      for (const activity of Array.isArray(list) ? list : [list]) addActivity(activity as Json, 'related');
    }
  };
  const walk = (s: Json, top: boolean) => {
    addAgents(s.actor, top ? 'actor' : 'related');
    const object = s.object as Json;
    if (object?.objectType === 'Agent' || object?.objectType === 'Group') addAgents(object, top ? 'object' : 'related');
    else if (object?.objectType === 'SubStatement') walk(object, false);
    else addActivity(object, top ? 'object' : 'related');
    walkContext(s.context);
    if (top) addAgents(s.authority, 'related');
  };
  walk(statement, true);
  return {
    agents: [...agents].map(([key, relation]) => ({ key, relation })),
    activities: [...activities].map(([id, relation]) => ({ id, relation })),
  };
}
