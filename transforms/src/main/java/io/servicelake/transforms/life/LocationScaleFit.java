package io.servicelake.transforms.life;

import org.hipparchus.util.FastMath;

/**
 * Maximum-likelihood fit of a {@link LifeFamily} in its log-location-scale form.
 *
 * @param family fitted family
 * @param mu location of log T (Weibull: log eta; lognormal: meanlog)
 * @param sigma scale of log T (Weibull: 1/beta; lognormal: sdlog)
 * @param logLikelihood maximised log-likelihood, all constants included
 * @param covariance inverse observed Fisher information on {@code (mu, log sigma)}, or {@code null}
 *     when the observed information is not positive definite
 * @param failures number of failures (exact plus interval-censored)
 * @param suspensions number of right-censored units
 */
public record LocationScaleFit(
    LifeFamily family,
    double mu,
    double sigma,
    double logLikelihood,
    double[][] covariance,
    long failures,
    long suspensions) {

  /** Two-sided 95 % standard-normal quantile. */
  static final double Z_95 = 1.959963984540054;

  /** Akaike information criterion, two estimated parameters. */
  public double aic() {
    return 2 * 2 - 2 * logLikelihood;
  }

  /** The p-quantile of T, {@code exp(mu + sigma * z_p)}. */
  public double quantile(double p) {
    return FastMath.exp(mu + sigma * family.quantile(p));
  }

  /** 95 % Fisher-matrix interval for {@code exp(mu)}, normal on the log scale. */
  Interval expMuInterval() {
    return covariance == null ? Interval.UNKNOWN : logNormalInterval(mu, covariance[0][0]);
  }

  /** 95 % Fisher-matrix interval for {@code sigma}, normal on the log scale. */
  Interval sigmaInterval() {
    return covariance == null
        ? Interval.UNKNOWN
        : logNormalInterval(FastMath.log(sigma), covariance[1][1]);
  }

  /**
   * 95 % Fisher-matrix interval for the p-quantile, delta method on {@code log t_p = mu + sigma
   * z_p}: its derivative with respect to {@code log sigma} is {@code sigma z_p}.
   */
  Interval quantileInterval(double p) {
    if (covariance == null) {
      return Interval.UNKNOWN;
    }
    double d = sigma * family.quantile(p);
    double var = covariance[0][0] + 2 * d * covariance[0][1] + d * d * covariance[1][1];
    return logNormalInterval(mu + d, var);
  }

  private static Interval logNormalInterval(double logEstimate, double variance) {
    double half = Z_95 * FastMath.sqrt(variance);
    return new Interval(FastMath.exp(logEstimate - half), FastMath.exp(logEstimate + half));
  }
}
