/**
 * Route 53's own rule for turning checker reports into one status. docs/aws-facts.md#how-status-is-decided:
 * "Healthy when more than 18 % of checkers report healthy." GetHealthCheckStatus returns one observation
 * per checker whose status text starts with "Success" or "Failure".
 */

/** Route 53 DG: an endpoint is healthy when MORE than this share of checkers report it healthy. */
export const HEALTHY_CHECKER_SHARE = 0.18;

export interface CheckerVerdict {
  healthy: boolean;
  reporting: number;
  reportingSuccess: number;
}

export function judgeCheckerReports(statuses: readonly string[]): CheckerVerdict {
  const reporting = statuses.length;
  const reportingSuccess = statuses.filter((status) => /^\s*success\b/i.test(status)).length;
  // No report at all is not evidence of health: the drill must not fail over to a region nobody checked.
  const healthy = reporting > 0 && reportingSuccess / reporting > HEALTHY_CHECKER_SHARE;
  return { healthy, reporting, reportingSuccess };
}

export function describeVerdict(verdict: CheckerVerdict): string {
  const share = verdict.reporting === 0 ? 0 : (100 * verdict.reportingSuccess) / verdict.reporting;
  return (
    `${verdict.healthy ? "healthy" : "unhealthy"} ` +
    `(${verdict.reportingSuccess}/${verdict.reporting} checkers report success = ${share.toFixed(1)}%, ` +
    `healthy needs > ${HEALTHY_CHECKER_SHARE * 100}%)`
  );
}
