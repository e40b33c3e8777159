import type { PortfolioTarget } from './PortfolioTarget.js';
import type { RiskManagementModel, RiskManagementParams } from './RiskManagementModel.js';

/**
 * Risk management with no objections: returns the targets unchanged.
 *
 * @example
 * new NullRiskManagement().manageRisk({ targets, market: ctx, portfolio: ctx }) === targets; // true
 */
export class NullRiskManagement implements RiskManagementModel {
  readonly name = 'NullRiskManagement';

  manageRisk(params: RiskManagementParams): readonly PortfolioTarget[] {
    return params.targets;
  }
}
