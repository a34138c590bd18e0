import { Token } from 'aws-cdk-lib';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ArnCondition, lambdaSelector } from './lambda-selector';
import { LambdaTrailError } from '../errors';
import { FUNCTION_ARN_FORMAT, isFunctionArn } from '../model/lambda-arns';
import { lambdaSelectorName } from '../model/lambda-data-selector';

/**
 * How a `LambdaFunctionSelection` scopes Lambda data events.
 */
export enum LambdaFunctionSelectionMode {
  /** Every current and future function of the account (in every region the trail covers). */
  ALL = 'ALL',
  /** Only the listed functions. */
  ONLY = 'ONLY',
  /** Every function except the listed ones. */
  ALL_EXCEPT = 'ALL_EXCEPT',
}

/**
 * Which Lambda functions a trail records data events (invocations) for.
 *
 * Invocations of versions and aliases are recorded with their function: for every
 * unqualified function ARN the selector matches the ARN itself (`Equals`) and every
 * qualified form of it (`StartsWith` the ARN followed by `:`), so `fn:prod` and `fn:7`
 * are recorded (or excluded) together with `fn`, whichever ARN CloudTrail writes in
 * the event. A qualified ARN given to `onlyArns` records that version or alias only.
 */
export class LambdaFunctionSelection {
  /**
   * Record data events of every current and future function: the control's compliant setting.
   */
  public static all(): LambdaFunctionSelection {
    return new LambdaFunctionSelection(LambdaFunctionSelectionMode.ALL, []);
  }

  /**
   * Record data events of the given functions only (the control's backout plan).
   *
   * @param functions at least one function, whose versions and aliases are recorded too
   */
  public static only(functions: lambda.IFunction[]): LambdaFunctionSelection {
    return new LambdaFunctionSelection(LambdaFunctionSelectionMode.ONLY,
      LambdaFunctionSelection.arnsOf('LambdaFunctionSelection.only', functions), functions);
  }

  /**
   * Record data events of the functions with the given ARNs only, for functions that
   * are not in this app (another account's, or created outside CDK).
   *
   * @param functionArns unqualified (`arn:aws:lambda:us-east-1:111111111111:function:name`)
   *   or qualified (`...:function:name:alias`) function ARNs, or tokens that resolve to them
   */
  public static onlyArns(functionArns: string[]): LambdaFunctionSelection {
    const method = 'LambdaFunctionSelection.onlyArns';
    if (functionArns.length === 0) {
      throw new LambdaTrailError('EmptyFunctionList', `${method}: functionArns is empty; expected at least one Lambda function ARN (use LambdaFunctionSelection.all() to record every function)`);
    }
    for (const arn of functionArns) {
      if (!Token.isUnresolved(arn) && !isFunctionArn(arn)) {
        throw new LambdaTrailError('InvalidFunctionArn', `${method}: functionArns contains '${arn}', which is not a Lambda function ARN; expected '${FUNCTION_ARN_FORMAT}'`);
      }
    }
    return new LambdaFunctionSelection(LambdaFunctionSelectionMode.ONLY, dedupe(functionArns));
  }

  /**
   * Record data events of every current and future function except the given ones.
   *
   * @param functions at least one function to leave out, with its versions and aliases
   */
  public static allExcept(functions: lambda.IFunction[]): LambdaFunctionSelection {
    return new LambdaFunctionSelection(LambdaFunctionSelectionMode.ALL_EXCEPT,
      LambdaFunctionSelection.arnsOf('LambdaFunctionSelection.allExcept', functions), functions);
  }

  private static arnsOf(method: string, functions: lambda.IFunction[]): string[] {
    if (functions.length === 0) {
      throw new LambdaTrailError('EmptyFunctionList', `${method}: functions is empty; expected at least one lambda.IFunction (use LambdaFunctionSelection.all() to record every function)`);
    }
    return dedupe(functions.map(fn => fn.functionArn));
  }

  /**
   * How this selection scopes the data events.
   */
  public readonly mode: LambdaFunctionSelectionMode;

  /**
   * The function ARNs listed (empty for `all()`), which may contain tokens.
   */
  public readonly functionArns: string[];

  /**
   * The function construct of each ARN of `functionArns`, by index (undefined for an ARN given as a
   * string), so the checks resolve a token ARN in its own stack.
   * @internal
   */
  public readonly _functionConstructs: Array<lambda.IFunction | undefined>;

  private constructor(mode: LambdaFunctionSelectionMode, functionArns: string[], functions: lambda.IFunction[] = []) {
    this.mode = mode;
    this.functionArns = functionArns;
    this._functionConstructs = functionArns.map(arn => functions.find(fn => fn.functionArn === arn));
  }

  /**
   * True when every current and future function is recorded.
   */
  public get isAll(): boolean {
    return this.mode === LambdaFunctionSelectionMode.ALL;
  }

  /**
   * The advanced event selector that records Lambda data events (read and write) for this selection.
   */
  public toAdvancedEventSelector(): CfnTrail.AdvancedEventSelectorProperty {
    return lambdaSelector(this.describe(), this.arnCondition(), this.functionArns);
  }

  /** This selection's selector for other ARNs (tokens resolved, or the delivery canary's probe added), named by their count. @internal */
  public _selectorWithArns(arns: string[]): CfnTrail.AdvancedEventSelectorProperty {
    return lambdaSelector(lambdaSelectorName(this.arnCondition(), arns.length), this.arnCondition(), arns);
  }

  private arnCondition(): ArnCondition {
    switch (this.mode) {
      case LambdaFunctionSelectionMode.ONLY: return 'include';
      case LambdaFunctionSelectionMode.ALL_EXCEPT: return 'exclude';
      default: return undefined;
    }
  }

  /**
   * A short description, used as the selector's name.
   */
  public describe(): string {
    return lambdaSelectorName(this.arnCondition(), this.functionArns.length);
  }
}

function dedupe(values: string[]): string[] {
  return [...new Set(values)];
}
