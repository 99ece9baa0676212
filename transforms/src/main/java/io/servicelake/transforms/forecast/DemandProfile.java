package io.servicelake.transforms.forecast;

/**
 * Syntetos–Boylan–Croston (SBC) classification of a demand history.
 *
 * <p>ADI is the mean interval between demands, the first interval counted from the start of the
 * history (the convention of Croston's method and of R's tsintermittent::idclass); CV² is the
 * squared coefficient of variation of the non-zero demand sizes (sample standard deviation, 0 for a
 * single demand).
 *
 * @param adi average inter-demand interval in periods (infinite without demand)
 * @param cv2 squared coefficient of variation of non-zero sizes (NaN without demand)
 * @param demandClass resulting class
 */
public record DemandProfile(double adi, double cv2, DemandClass demandClass) {
  /** Syntetos, Boylan &amp; Croston (2005) cut-off on ADI. */
  public static final double ADI_CUTOFF = 1.32;

  /** Syntetos, Boylan &amp; Croston (2005) cut-off on CV². */
  public static final double CV2_CUTOFF = 0.49;

  /** Classifies with the published cut-offs 1.32 and 0.49. */
  public static DemandProfile of(double[] history) {
    return of(history, ADI_CUTOFF, CV2_CUTOFF);
  }

  /** Classifies with custom cut-offs; values on a cut-off count as the higher class. */
  public static DemandProfile of(double[] history, double adiCutoff, double cv2Cutoff) {
    int demands = 0;
    double sum = 0;
    double sumSq = 0;
    int lastDemand = -1;
    double intervalSum = 0;
    for (int t = 0; t < history.length; t++) {
      if (history[t] > 0) {
        intervalSum += t - lastDemand;
        lastDemand = t;
        demands++;
        sum += history[t];
        sumSq += history[t] * history[t];
      }
    }
    if (demands == 0) {
      return new DemandProfile(Double.POSITIVE_INFINITY, Double.NaN, DemandClass.NO_DEMAND);
    }
    double adi = intervalSum / demands;
    double mean = sum / demands;
    double variance = demands < 2 ? 0 : (sumSq - demands * mean * mean) / (demands - 1);
    double cv2 = Math.max(0, variance) / (mean * mean);
    boolean sporadic = adi >= adiCutoff;
    boolean variable = cv2 >= cv2Cutoff;
    DemandClass c =
        sporadic
            ? (variable ? DemandClass.LUMPY : DemandClass.INTERMITTENT)
            : (variable ? DemandClass.ERRATIC : DemandClass.SMOOTH);
    return new DemandProfile(adi, cv2, c);
  }
}
