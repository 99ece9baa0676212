package io.servicelake.transforms.forecast;

/** Syntetos–Boylan–Croston demand pattern. */
public enum DemandClass {
  /** Regular intervals, regular sizes: ADI &lt; cut-off and CV² &lt; cut-off. */
  SMOOTH,
  /** Regular intervals, variable sizes. */
  ERRATIC,
  /** Sporadic demand of regular size. */
  INTERMITTENT,
  /** Sporadic demand of variable size. */
  LUMPY,
  /** No demand in the history: nothing to classify. */
  NO_DEMAND
}
