package crm.profile.predictions;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import static crm.profile.predictions.SpecialFunctions.lnGamma;

/**
 * Maximum-likelihood fit of BG/NBD: Nelder-Mead on the logs of the four parameters (so they stay positive), the
 * likelihood summed over customers grouped by identical history (many customers share one, so it is computed once).
 */
public final class BgNbdFit {
    /** The logs of the parameters are kept within +-20: beyond, the data say nothing and the sums overflow. */
    private static final double LOG_BOUND = 20;

    private BgNbdFit() {
    }

    /** A fitted model with its log-likelihood over the customers it was fitted on. */
    public record Result(BgNbd model, double logLikelihood, int customers) {
    }

    public static Result fit(Collection<PurchaseHistory> histories) {
        if (histories.isEmpty()) throw new IllegalArgumentException("nothing to fit: no customer");
        Map<PurchaseHistory, Integer> counts = new HashMap<>();
        double meanAge = 0;
        for (PurchaseHistory h : histories) {
            counts.merge(h, 1, Integer::sum);
            meanAge += h.age() / histories.size();
        }
        PurchaseHistory[] distinct = counts.keySet().toArray(PurchaseHistory[]::new);
        int[] weight = new int[distinct.length];
        int maxX = 0;
        for (int i = 0; i < distinct.length; i++) {
            weight[i] = counts.get(distinct[i]);
            maxX = Math.max(maxX, distinct[i].frequency());
        }
        final int xs = maxX + 1;
        final int n = histories.size();

        // Minimise the mean negative log-likelihood: its scale does not grow with the number of customers.
        java.util.function.ToDoubleFunction<double[]> cost = p -> {
            for (double v : p) if (Math.abs(v) > LOG_BOUND || Double.isNaN(v)) return Double.MAX_VALUE;
            BgNbd m = new BgNbd(Math.exp(p[0]), Math.exp(p[1]), Math.exp(p[2]), Math.exp(p[3]));
            double[] gammaR = new double[xs];
            double[] gammaAb = new double[xs];
            double lnGammaR = lnGamma(m.r());
            double lnGammaAb = lnGamma(m.a() + m.b()) - lnGamma(m.b());
            for (int x = 0; x < xs; x++) {
                gammaR[x] = Double.NaN;
            }
            double sum = 0;
            for (int i = 0; i < distinct.length; i++) {
                int x = distinct[i].frequency();
                if (Double.isNaN(gammaR[x])) {
                    gammaR[x] = lnGamma(m.r() + x) - lnGammaR;
                    gammaAb[x] = lnGammaAb + lnGamma(m.b() + x) - lnGamma(m.a() + m.b() + x);
                }
                sum += weight[i] * m.logLikelihood(x, distinct[i].recency(), distinct[i].age(), gammaR[x], gammaAb[x]);
            }
            double mean = -sum / n;
            return Double.isFinite(mean) ? mean : Double.MAX_VALUE;
        };
        double[] start = {0, Math.log(Math.max(meanAge, 1e-3)), 0, 0};
        NelderMead.Minimum min = NelderMead.minimise(cost, start, 0.5, 1e-10, 20_000);
        double[] p = min.point();
        BgNbd model = new BgNbd(Math.exp(p[0]), Math.exp(p[1]), Math.exp(p[2]), Math.exp(p[3]));
        return new Result(model, -min.value() * n, n);
    }
}
