// The verdicts the engine gives recorders and functions: shared vocabulary of the model (which
// decides coverage), the rules (which read it) and the report (which prints it).

export enum RecorderKind {
  TRAIL = 'trail',
  EVENT_DATA_STORE = 'event-data-store',
}

export enum CoverageStatus {
  /** The logging trails and event data stores of its account and region record every invocation of the function (one alone, or together). */
  RECORDED = 'recorded',
  /** Trails record Lambda invocations in the function's account and region, but not of this function. */
  OUTSIDE_SCOPE = 'outside-scope',
  /** No trail records Lambda invocations in the function's account and region. */
  NOT_RECORDED = 'not-recorded',
  /** It depends on values not known (parameters, conditions, imports, generated names, unreadable resources). */
  UNKNOWN = 'unknown',
}
