/**
 * Statements as they are stored, for features that act on them (hosted launch sends a grade to
 * the learner's LMS when a module is finished). The statement routes await every listener before
 * they answer: if a listener fails, the client is told and sends again (a no-op for the statements,
 * another chance for the listener), so nothing a listener must do is lost.
 */
export interface StoredStatements {
  org: string;
  credentialKey: string;
  /** As the client sent them (validated), each with its id. */
  statements: Record<string, any>[];
}

export type StatementListener = (stored: StoredStatements) => Promise<void>;

export class StatementEvents {
  private readonly listeners: StatementListener[] = [];

  on(listener: StatementListener): void {
    this.listeners.push(listener);
  }

  async emit(stored: StoredStatements): Promise<void> {
    await Promise.all(this.listeners.map((listener) => listener(stored)));
  }
}
