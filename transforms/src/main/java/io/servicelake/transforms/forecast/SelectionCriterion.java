package io.servicelake.transforms.forecast;

/** What the rolling-origin backtest minimises when choosing a method per series. */
public enum SelectionCriterion {
  /**
   * Mean absolute error of the P50, i.e. in-sample MASE (the scale is common to all methods); exact
   * ties go to the lower pinball loss.
   */
  MASE,
  /**
   * Pinball loss averaged over P50, P90 and P95: a proper score of the whole predictive
   * distribution (its P50 term is half the absolute error). On the seeded synthetic benchmark it
   * improves hold-out MASE, RMSSE and pinball loss over {@link #MASE}.
   */
  PINBALL
}
