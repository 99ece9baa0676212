package io.servicelake.transforms.life;

import io.servicelake.transforms.life.LifeData.IntervalObservation;
import io.servicelake.transforms.life.LifeData.Observation;
import org.hipparchus.util.FastMath;

/**
 * Censored-data log-likelihood of a {@link LifeFamily} and its gradient, in the unconstrained
 * parameters {@code (mu, s = log sigma)}.
 *
 * <p>Terms, with {@code z = (log t - mu) / sigma}: an exact failure contributes the log density of
 * T in the data's time unit, {@code log f_Z(z) - log sigma - log t}; a suspension {@code log S(z)};
 * an interval {@code log(F(z_b) - F(z_a))}. All constants are kept.
 */
final class LogLikelihood {
  private final LifeFamily family;
  private final LifeData data;

  LogLikelihood(LifeFamily family, LifeData data) {
    this.family = family;
    this.data = data;
  }

  double value(double mu, double s) {
    double sigma = FastMath.exp(s);
    double ll = 0;
    for (Observation o : data.exact()) {
      double y = FastMath.log(o.time());
      ll += o.count() * (family.logPdf((y - mu) / sigma) - s - y);
    }
    for (Observation o : data.suspensions()) {
      ll += o.count() * family.logSf(z(o.time(), mu, sigma));
    }
    for (IntervalObservation o : data.intervals()) {
      ll +=
          o.count()
              * family.logIntervalProbability(z(o.lower(), mu, sigma), z(o.upper(), mu, sigma));
    }
    return ll;
  }

  /** Gradient {@code (d/dmu, d/ds)} of {@link #value}. */
  double[] gradient(double mu, double s) {
    double sigma = FastMath.exp(s);
    double gMu = 0;
    double gS = 0;
    for (Observation o : data.exact()) {
      double z = z(o.time(), mu, sigma);
      double d = family.dLogPdf(z);
      gMu += o.count() * (-d / sigma);
      gS += o.count() * (-d * z - 1);
    }
    for (Observation o : data.suspensions()) {
      double z = z(o.time(), mu, sigma);
      double hazard = FastMath.exp(family.logPdf(z) - family.logSf(z));
      gMu += o.count() * hazard / sigma;
      gS += o.count() * hazard * z;
    }
    for (IntervalObservation o : data.intervals()) {
      double za = z(o.lower(), mu, sigma);
      double zb = z(o.upper(), mu, sigma);
      double logP = family.logIntervalProbability(za, zb);
      double rb = FastMath.exp(family.logPdf(zb) - logP);
      // at the lower limit 0 (za = -inf) the density and z * density both vanish
      double ra = za == Double.NEGATIVE_INFINITY ? 0 : FastMath.exp(family.logPdf(za) - logP);
      double zra = za == Double.NEGATIVE_INFINITY ? 0 : za * ra;
      gMu += o.count() * (-(rb - ra) / sigma);
      gS += o.count() * (-(zb * rb - zra));
    }
    return new double[] {gMu, gS};
  }

  private static double z(double t, double mu, double sigma) {
    return (FastMath.log(t) - mu) / sigma;
  }
}
