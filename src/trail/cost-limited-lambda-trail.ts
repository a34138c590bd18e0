import { Construct } from 'constructs';
import { LambdaFunctionSelection } from './lambda-function-selection';
import { LambdaTrailBase } from './lambda-trail-base';
import { LambdaTrailOptions } from './lambda-trail-options';
import { LambdaTrailError } from '../errors';

/**
 * Properties of a `CostLimitedLambdaTrail`.
 */
export interface CostLimitedLambdaTrailProps extends LambdaTrailOptions {
  /**
   * The functions whose data events are recorded: `only(...)`, `onlyArns(...)` or `allExcept(...)`.
   *
   * `LambdaFunctionSelection.all()` is rejected: use `CompliantLambdaTrail` for that.
   */
  readonly functions: LambdaFunctionSelection;
}

/**
 * The control's backout plan: the same trail as `CompliantLambdaTrail`, with Lambda data events
 * limited to chosen functions to limit cost.
 *
 * Both extend `LambdaTrailBase` and create the same resources under the same construct ids, so
 * replacing it with a `CompliantLambdaTrail` of the same scope and id changes only the trail's
 * event selectors, in place: no log, key, bucket or log group is replaced or lost.
 */
export class CostLimitedLambdaTrail extends LambdaTrailBase {
  /** The functions, checked before any resource is created (the construct does not exist yet: the error names its future path). */
  private static limitedSelection(scope: Construct, id: string, props: CostLimitedLambdaTrailProps | undefined): LambdaFunctionSelection {
    if (!props || !props.functions) {
      throw new LambdaTrailError('MissingFunctions', 'functions is required for CostLimitedLambdaTrail; expected LambdaFunctionSelection.only([...]), onlyArns([...]) or allExcept([...])', scope, id);
    }
    if (props.functions.isAll) {
      throw new LambdaTrailError('UnlimitedFunctionSelection', 'functions is LambdaFunctionSelection.all(), which a CostLimitedLambdaTrail does not limit; expected only([...]), onlyArns([...]) or allExcept([...]), or use CompliantLambdaTrail to record every function', scope, id);
    }
    return props.functions;
  }

  /**
   * @param scope the scope (a stack, or a construct in one)
   * @param id the construct id: keep it when switching to `CompliantLambdaTrail`, so the change is in place
   * @param props the functions to record, and the options of `CompliantLambdaTrail`
   */
  constructor(scope: Construct, id: string, props: CostLimitedLambdaTrailProps) {
    super(scope, id, CostLimitedLambdaTrail.limitedSelection(scope, id, props), props);
  }
}
