package crm.profile.predictions;

import static crm.profile.predictions.SpecialFunctions.hypergeometric2F1;
import static crm.profile.predictions.SpecialFunctions.lnGamma;

/**
 * The BG/NBD model of Fader, Hardie and Lee (2005), "Counting your customers the easy way": while alive a customer
 * buys as a Poisson process whose rate is gamma(r, alpha) across customers; after each purchase they die with a
 * probability that is beta(a, b) across customers. Times are in the unit the histories were measured in.
 */
public record BgNbd(double r, double alpha, double a, double b) {

    public BgNbd {
        if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) {
            throw new IllegalArgumentException("BG/NBD parameters must be positive: " + r + ", " + alpha + ", " + a + ", " + b);
        }
    }

    /** The log-likelihood of one customer's history (equation 6 of the paper, computed in logs). */
    public double logLikelihood(PurchaseHistory h) {
        int x = h.frequency();
        return logLikelihood(x, h.recency(), h.age(), lnGamma(r + x) - lnGamma(r), lnGamma(a + b) + lnGamma(b + x) - lnGamma(b) - lnGamma(a + b + x));
    }

    /** Same, with the gamma-function terms (which depend on x only) computed once by the caller. */
    double logLikelihood(int x, double recency, double age, double gammaTermR, double gammaTermAb) {
        double a1 = gammaTermR + r * Math.log(alpha);
        double a3 = -(r + x) * Math.log(alpha + age);
        if (x == 0) return a1 + gammaTermAb + a3;
        double a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + recency);
        return a1 + gammaTermAb + logSumExp(a3, a4);
    }

    /** The probability that a customer with this history is still alive (equation 13). One when they never came back. */
    public double probabilityAlive(PurchaseHistory h) {
        int x = h.frequency();
        if (x == 0) return 1;
        double logOdds = Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + h.age()) / (alpha + h.recency()));
        return 1 / (1 + Math.exp(logOdds));
    }

    /** How many purchases a customer with this history is expected to make in the next {@code t} units (equation 10). */
    public double expectedPurchases(PurchaseHistory h, double t) {
        if (t <= 0) return 0;
        int x = h.frequency();
        double T = h.age();
        // The closed form divides by a - 1; a fit landing exactly on 1 is nudged off the removable singularity.
        double aa = Math.abs(a - 1) < 1e-9 ? 1 + 1e-9 : a;
        double first = (aa + b + x - 1) / (aa - 1);
        double hyper = hypergeometric2F1(r + x, b + x, aa + b + x - 1, t / (alpha + T + t));
        double second = 1 - hyper * Math.pow((alpha + T) / (alpha + T + t), r + x);
        double denominator = 1;
        if (x > 0) denominator += aa / (b + x - 1) * Math.pow((alpha + T) / (alpha + h.recency()), r + x);
        return Math.max(0, first * second / denominator);
    }

    private static double logSumExp(double u, double v) {
        double max = Math.max(u, v);
        return max + Math.log(Math.exp(u - max) + Math.exp(v - max));
    }
}
