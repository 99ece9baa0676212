package io.servicelake.transforms.life;

import org.hipparchus.special.Gamma;
import org.hipparchus.util.FastMath;

/**
 * Two-parameter Weibull maximum-likelihood fit, {@code F(t) = 1 - exp(-(t/eta)^beta)}.
 *
 * <p>Confidence bounds are 95 % two-sided Fisher-matrix (Wald) bounds computed on {@code log beta}
 * and {@code log eta} and transformed back, so they are always positive and asymmetric; the B10
 * bound uses the delta method on {@code log B10}. They are not likelihood-ratio bounds, which are
 * wider for small samples.
 *
 * @param beta shape
 * @param eta scale (characteristic life), in the data's time unit
 * @param logLikelihood maximised log-likelihood including all constant terms
 * @param mttf mean life {@code eta * Gamma(1 + 1/beta)}
 * @param b10 life by which 10 % fail, {@code eta * (-ln 0.9)^(1/beta)}
 * @param failures failures used (exact plus interval-censored)
 * @param suspensions right-censored units
 * @param betaBounds 95 % bounds on beta
 * @param etaBounds 95 % bounds on eta
 * @param b10Bounds 95 % bounds on B10
 */
public record WeibullFit(
    double beta,
    double eta,
    double logLikelihood,
    double mttf,
    double b10,
    long failures,
    long suspensions,
    Interval betaBounds,
    Interval etaBounds,
    Interval b10Bounds) {

  /** Fits a Weibull distribution to {@code data} by maximum likelihood. */
  public static WeibullFit fit(LifeData data) {
    return from(LifeFitter.fit(LifeFamily.WEIBULL, data));
  }

  /** Converts a log-location-scale fit: eta = exp(mu), beta = 1/sigma. */
  static WeibullFit from(LocationScaleFit fit) {
    if (fit.family() != LifeFamily.WEIBULL) {
      throw new IllegalArgumentException("not a Weibull fit: " + fit.family());
    }
    double beta = 1 / fit.sigma();
    double eta = FastMath.exp(fit.mu());
    Interval sigmaBounds = fit.sigmaInterval();
    return new WeibullFit(
        beta,
        eta,
        fit.logLikelihood(),
        eta * Gamma.gamma(1 + 1 / beta),
        fit.quantile(0.10),
        fit.failures(),
        fit.suspensions(),
        new Interval(1 / sigmaBounds.upper(), 1 / sigmaBounds.lower()),
        fit.expMuInterval(),
        fit.quantileInterval(0.10));
  }

  /** Akaike information criterion (two parameters). */
  public double aic() {
    return 4 - 2 * logLikelihood;
  }

  /** Probability of failure by time t. */
  public double cdf(double t) {
    return -FastMath.expm1(-FastMath.pow(t / eta, beta));
  }
}
