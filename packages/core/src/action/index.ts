export { actionCodeKey } from './action-code-key.js';
export { type ActionClosure, type ActionComment, type ActionState, streamOf } from './action-state.js';
export {
  addCommentSchema,
  amendActionDetailsSchema,
  type Command,
  type CommandInput,
  type CommandOf,
  changeStatusSchema,
  closeActionSchema,
  commandSchema,
  correctDueDateSchema,
  recordReturnSchema,
  registerActionSchema,
  reopenActionSchema,
  reviseDueDateSchema,
  updateProgressSchema,
} from './commands.js';
export { type DatedCommand, type DecideContext, decide } from './decide.js';
export { decideOnTimeline, latestStatement } from './decide-on-timeline.js';
export { type EvolvableEvent, evolve } from './evolve.js';
export { type ActionField, type FieldChange, fieldChangesOf } from './field-changes.js';
export { defaultReturnQuarterEnd, returnQuarterEnds } from './return-quarter.js';
export { effectiveOrder, foldAction, type TimelineEvent } from './timeline.js';
