package io.servicelake.transforms.life;

import org.hipparchus.util.FastMath;

/**
 * Two-parameter lognormal maximum-likelihood fit: {@code log T ~ Normal(mu, sigma^2)}.
 *
 * <p>Bounds are 95 % Fisher-matrix bounds, normal on {@code mu} (reported as bounds on the median
 * {@code exp(mu)}) and on {@code log sigma}.
 *
 * @param mu mean of log T
 * @param sigma standard deviation of log T
 * @param logLikelihood maximised log-likelihood including all constant terms
 * @param mean mean life {@code exp(mu + sigma^2 / 2)}
 * @param median median life {@code exp(mu)}
 * @param b10 life by which 10 % fail
 * @param failures failures used (exact plus interval-censored)
 * @param suspensions right-censored units
 * @param medianBounds 95 % bounds on the median
 * @param sigmaBounds 95 % bounds on sigma
 */
public record LognormalFit(
    double mu,
    double sigma,
    double logLikelihood,
    double mean,
    double median,
    double b10,
    long failures,
    long suspensions,
    Interval medianBounds,
    Interval sigmaBounds) {

  /** Fits a lognormal distribution to {@code data} by maximum likelihood. */
  public static LognormalFit fit(LifeData data) {
    return from(LifeFitter.fit(LifeFamily.LOGNORMAL, data));
  }

  static LognormalFit from(LocationScaleFit fit) {
    if (fit.family() != LifeFamily.LOGNORMAL) {
      throw new IllegalArgumentException("not a lognormal fit: " + fit.family());
    }
    return new LognormalFit(
        fit.mu(),
        fit.sigma(),
        fit.logLikelihood(),
        FastMath.exp(fit.mu() + 0.5 * fit.sigma() * fit.sigma()),
        FastMath.exp(fit.mu()),
        fit.quantile(0.10),
        fit.failures(),
        fit.suspensions(),
        fit.expMuInterval(),
        fit.sigmaInterval());
  }

  /** Akaike information criterion (two parameters). */
  public double aic() {
    return 4 - 2 * logLikelihood;
  }
}
