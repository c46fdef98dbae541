// The strict mocks refuse the dashboards CloudWatch refuses (PutDashboard, "Dashboard Body Structure and
// Syntax"); the happy shape is the kind of body FailoverObservability registers.
import { describe, expect, it } from "vitest";
import { mockAccount } from "./strict-mocks";

const DASHBOARD = "aws:cloudwatch/dashboard:Dashboard";

const widget = (change: Record<string, unknown> = {}) => ({
  type: "metric",
  x: 0,
  y: 0,
  width: 24,
  height: 6,
  properties: { region: "us-east-1", metrics: [["AWS/Route53", "HealthCheckStatus", "HealthCheckId", "h"]] },
  ...change,
});
const dashboard = (change: Record<string, unknown> = {}) => ({
  dashboardName: "multi-region-api-prod",
  dashboardBody: JSON.stringify({ widgets: [widget()] }),
  ...change,
});

describe("strict mocks: CloudWatch dashboards", () => {
  it("accept a name of letters, digits and dashes with a widget that fits the 24-unit grid", () => {
    expect(mockAccount().refusal(DASHBOARD, dashboard())).toBeUndefined();
  });

  it.each([
    ["a name with a dot", { dashboardName: "api.prod" }, "may contain only alphanumerics, - and _"],
    ["a body that is not JSON", { dashboardBody: "{widgets" }, "must be a valid JSON object"],
    ["a body without widgets", { dashboardBody: "{}" }, 'missing the required property "widgets"'],
    [
      "a widget 25 units wide",
      { dashboardBody: JSON.stringify({ widgets: [widget({ width: 25 })] }) },
      "widgets[0].width must be an integer from 1 to 24",
    ],
    [
      "a metric widget without its region",
      { dashboardBody: JSON.stringify({ widgets: [widget({ properties: { metrics: [] } })] }) },
      "widgets[0].properties needs region and metrics",
    ],
  ])("refuse %s", (_, change, message) => {
    expect(mockAccount().refusal(DASHBOARD, dashboard(change))).toContain(message);
  });
});
