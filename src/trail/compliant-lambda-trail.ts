import { Construct } from 'constructs';
import { addConstructWarning } from './add-construct-warning';
import { LIMITED_SELECTION_ON_COMPLIANT_TRAIL } from './construct-warnings';
import { LambdaFunctionSelection } from './lambda-function-selection';
import { LambdaTrailBase } from './lambda-trail-base';
import { LambdaTrailOptions } from './lambda-trail-options';

/**
 * Properties of a `CompliantLambdaTrail`.
 */
export interface CompliantLambdaTrailProps extends LambdaTrailOptions {
  /**
   * Which functions' data events (invocations) are recorded.
   *
   * Leave it out (or give `LambdaFunctionSelection.all()`) to record every current and future function,
   * as the control requires. A limited selection (`only`, `onlyArns`, `allExcept`) still works but gets
   * a CLT45 warning: limiting data events is the control's backout plan, which `CostLimitedLambdaTrail`
   * makes a deliberate, visible choice.
   *
   * @default LambdaFunctionSelection.all() - every current and future function, as the control requires
   * @deprecated for limited selections: use `CostLimitedLambdaTrail` to record only some functions
   *   (same scope and id, so the swap keeps every logical ID); `LambdaFunctionSelection.all()` is the default.
   */
  readonly functions?: LambdaFunctionSelection;
}

/**
 * A CloudTrail trail that records management events and Lambda data events (read and write)
 * for every current and future function, with secure defaults: a KMS key with rotation that only
 * this trail can use, a locked-down versioned log bucket with server access logs, log file
 * validation, multi-region with global service events, and CloudWatch Logs delivery.
 *
 * It is the control's implementation plan. `CostLimitedLambdaTrail`, the backout plan, shares its
 * base (`LambdaTrailBase`) and its construct ids: swapping one for the other changes only the
 * trail's event selectors, in place.
 */
export class CompliantLambdaTrail extends LambdaTrailBase {
  /**
   * @param scope the scope (a stack, or a construct in one)
   * @param id the construct id: part of every resource's logical id, so changing it replaces the trail and its buckets
   * @param props the trail's options, each with a secure default
   */
  constructor(scope: Construct, id: string, props: CompliantLambdaTrailProps = {}) {
    super(scope, id, props.functions ?? LambdaFunctionSelection.all(), props);
    if (!this.functions.isAll) {
      addConstructWarning(this, LIMITED_SELECTION_ON_COMPLIANT_TRAIL,
        `functions is a limited selection (${this.functions.describe()}); expected LambdaFunctionSelection.all(), which CompliantLambdaTrail records when functions is left out`);
    }
  }
}
