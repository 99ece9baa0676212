package io.servicelake.transforms.life;

/**
 * Weibull against lognormal on the same censored data, by likelihood.
 *
 * <p>Both models have two parameters, so comparing AIC is the same as comparing log-likelihoods;
 * AIC is reported because it is what reliability tools print. A difference in AIC below about 2 is
 * weak evidence (Burnham &amp; Anderson), flagged by {@link #decisive()}.
 *
 * @param weibull Weibull fit
 * @param lognormal lognormal fit
 * @param preferred the family with the lower AIC (Weibull on ties)
 * @param aicDifference AIC of the other family minus AIC of the preferred one (&ge; 0)
 */
public record LifeModelComparison(
    WeibullFit weibull, LognormalFit lognormal, LifeFamily preferred, double aicDifference) {

  /** AIC differences below this are treated as indecisive. */
  public static final double DECISIVE_AIC_DIFFERENCE = 2;

  /** Fits both families to {@code data} and compares them. */
  public static LifeModelComparison of(LifeData data) {
    return of(WeibullFit.fit(data), LognormalFit.fit(data));
  }

  static LifeModelComparison of(WeibullFit weibull, LognormalFit lognormal) {
    double diff = lognormal.aic() - weibull.aic();
    return diff >= 0
        ? new LifeModelComparison(weibull, lognormal, LifeFamily.WEIBULL, diff)
        : new LifeModelComparison(weibull, lognormal, LifeFamily.LOGNORMAL, -diff);
  }

  /** Whether the AIC difference is large enough to prefer one family with some confidence. */
  public boolean decisive() {
    return aicDifference >= DECISIVE_AIC_DIFFERENCE;
  }
}
